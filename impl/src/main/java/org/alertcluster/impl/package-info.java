/** The JGroups-backed implementation of the alertcluster api. Private to this bundle. */
package org.alertcluster.impl;
