package cn.mediagraph.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import cn.mediagraph.platform.mongo.TenantStore;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The channels of the caller's media center. */
@Service
public class ChannelService {

	private final TenantStore store;

	private final Clock clock;

	ChannelService(TenantStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** The caller's channels among these ids, in one database command; unknown ids are left out. */
	@PreAuthorize("isAuthenticated()")
	public List<Channel> findAllById(Collection<String> ids) {
		return store.current().findAllById(ids, Channel.class);
	}

	/**
	 * Start-up and demo data: a channel of a tenant, written with no signed-in caller.
	 * (Stand-in on the story branch; the channel branch's version replaces it at merge.)
	 */
	public Channel createForBootstrap(String tenantId, String name, Platform platform, Medium medium,
			@Nullable String handle, @Nullable Integer maxPostsPerDay, boolean active) {
		Instant now = clock.instant();
		Channel channel = new Channel(new ObjectId().toHexString(), tenantId, name, platform, medium, handle, active,
				maxPostsPerDay, now, now);
		return store.forTenant(tenantId).insert(channel);
	}

}
