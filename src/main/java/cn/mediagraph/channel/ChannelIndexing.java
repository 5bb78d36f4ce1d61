package cn.mediagraph.channel;

import cn.mediagraph.platform.search.IndexDocument;
import cn.mediagraph.platform.search.IndexedKind;
import org.springframework.stereotype.Component;

/**
 * Channels in the search index: every page of stories shows the channels of its versions, and
 * the index hands them out with no database command. Channels have no revision; their
 * {@code updatedAt} rises with every write and serves as their version.
 */
@Component
class ChannelIndexing implements IndexedKind<Channel> {

	@Override
	public String name() {
		return "channel";
	}

	@Override
	public Class<Channel> type() {
		return Channel.class;
	}

	@Override
	public int layoutVersion() {
		return 1;
	}

	@Override
	public long version(Channel channel) {
		return channel.updatedAt().toEpochMilli();
	}

	@Override
	public void describe(Channel channel, IndexDocument into) {
		into.keyword("platform", channel.platform().name())
			.keyword("medium", channel.medium().name())
			.keyword("active", Boolean.toString(channel.active()))
			.text("name", channel.name())
			.order(channel.createdAt(), tieBreaker(channel.id()));
	}

	/** Channel ids are ObjectIds: their last eight bytes (time tail, random, counter) are unique enough to order by. */
	private static long tieBreaker(String id) {
		return id.length() >= 16 ? Long.parseUnsignedLong(id.substring(id.length() - 16), 16) : id.hashCode();
	}

}
