package org.alertcluster.impl.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jgroups.Address;
import org.jgroups.EmptyMessage;
import org.jgroups.Message;
import org.jgroups.ViewId;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.Protocol;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/** What {@link MergeGuard} lets through, with hand-made messages between two recording protocols. */
class MergeGuardTest {

  private static final short MERGE3_ID = ClassConfigurator.getProtocolId(MERGE3.class);
  private static final short GMS_ID = ClassConfigurator.getProtocolId(GMS.class);

  private final Address self = UUID.randomUUID();
  private final Address leaver = UUID.randomUUID();
  private final Address other = UUID.randomUUID();
  private final List<Message> up = new ArrayList<>();
  private final List<Message> down = new ArrayList<>();
  private final MergeGuard guard = new MergeGuard();

  MergeGuardTest() {
    guard.setUpProtocol(new Protocol() {
      @Override
      public Object up(Message msg) {
        up.add(msg);
        return null;
      }
    });
    guard.setDownProtocol(new Protocol() {
      @Override
      public Object down(Message msg) {
        down.add(msg);
        return null;
      }
    });
  }

  private Message info(Address from) {
    ViewId id = new ViewId(from, 3);
    return new EmptyMessage(self).setSrc(from)
        .putHeader(MERGE3_ID, MERGE3.MergeHeader.createInfo(id, "x", null));
  }

  private Message gms(Address from, byte type) {
    return new EmptyMessage(self).setSrc(from).putHeader(GMS_ID, new GMS.GmsHeader(type));
  }

  @Test
  void mergeReportsOfAMemberThatSaidGoodbyeAreDroppedOthersPass() {
    guard.ignore(leaver);
    guard.up(info(leaver));
    guard.up(info(other));
    guard.up(gms(leaver, GMS.GmsHeader.MERGE_REQ)); // only this peer's own leave refuses merges
    guard.down(info(self));
    assertThat(up).extracting(Message::getSrc).containsExactly(other, leaver);
    assertThat(down).hasSize(1);
    assertThat(guard.dropped()).isEqualTo(1);
  }

  @Test
  void aLeavingPeerSendsTakesAndAnswersNoMergeTraffic() {
    guard.leaving();
    guard.up(info(other));
    guard.up(gms(other, GMS.GmsHeader.MERGE_REQ));
    guard.down(info(self));
    assertThat(up).isEmpty();
    assertThat(down).isEmpty();
    // Everything else still flows: the leave itself, views, application messages.
    guard.up(gms(other, GMS.GmsHeader.LEAVE_RSP));
    guard.up(gms(other, GMS.GmsHeader.VIEW));
    guard.up(new EmptyMessage(self).setSrc(other));
    guard.down(new EmptyMessage(other));
    assertThat(up).hasSize(3);
    assertThat(down).hasSize(1);
    assertThat(guard.dropped()).isEqualTo(3);
  }

  @Test
  void batchesAreFilteredTheSameWay() {
    guard.ignore(leaver);
    var batch = new org.jgroups.util.MessageBatch(3).setDest(self).setSender(other);
    batch.add(info(leaver)).add(info(other)).add(new EmptyMessage(self).setSrc(leaver));
    List<Integer> sizes = new ArrayList<>();
    guard.setUpProtocol(new Protocol() {
      @Override
      public void up(org.jgroups.util.MessageBatch b) {
        sizes.add(b.size());
      }
    });
    guard.up(batch);
    assertThat(sizes).containsExactly(2);
  }
}
