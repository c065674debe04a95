package org.alertcluster.osgitests.felix;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Calls methods on objects from inside the framework by name. The Felix tests keep the api and
 * compendium packages off their own class path, so a service object's interfaces (Peer, Channel,
 * ConfigurationAdmin, MetaTypeService) are classes of some bundle's loader; the test only shares the
 * JDK types with them (String, byte[], Map, Dictionary). Reflection over the public interfaces keeps
 * the test honest: it sees exactly the wiring a real host bundle would get.
 */
final class Reflect {

  private Reflect() {}

  /** Invokes the public interface (or public class) method {@code name} with {@code args}. */
  static Object call(Object target, String name, Object... args) {
    Method m = find(target.getClass(), name, args);
    try {
      return m.invoke(target, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot call " + m, e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(name + " failed", cause);
    }
  }

  /** Reads a public field (the DTOs of the Service Component Runtime are public-field classes). */
  static Object field(Object target, String name) {
    try {
      return target.getClass().getField(name).get(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("No public field " + name + " on " + target.getClass(), e);
    }
  }

  private static Method find(Class<?> type, String name, Object[] args) {
    // Interfaces first: implementation classes are often package-private in their bundles.
    Deque<Class<?>> todo = new ArrayDeque<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      todo.addAll(java.util.List.of(c.getInterfaces()));
    }
    while (!todo.isEmpty()) {
      Class<?> i = todo.poll();
      Method m = match(i, name, args);
      if (m != null) {
        return m;
      }
      todo.addAll(java.util.List.of(i.getInterfaces()));
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
        Method m = match(c, name, args);
        if (m != null) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException("No public method " + name + " with " + args.length
        + " arguments on " + type);
  }

  private static Method match(Class<?> c, String name, Object[] args) {
    for (Method m : c.getMethods()) {
      if (!m.getName().equals(name) || m.getParameterCount() != args.length) {
        continue;
      }
      Class<?>[] types = m.getParameterTypes();
      boolean ok = true;
      for (int i = 0; i < args.length && ok; i++) {
        ok = args[i] == null ? !types[i].isPrimitive() : box(types[i]).isInstance(args[i]);
      }
      if (ok) {
        return m;
      }
    }
    return null;
  }

  private static Class<?> box(Class<?> t) {
    if (!t.isPrimitive()) {
      return t;
    }
    if (t == int.class) {
      return Integer.class;
    }
    if (t == long.class) {
      return Long.class;
    }
    if (t == boolean.class) {
      return Boolean.class;
    }
    return Object.class;
  }
}
