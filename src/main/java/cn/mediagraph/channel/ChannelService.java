package cn.mediagraph.channel;

import java.util.Collection;
import java.util.List;

import cn.mediagraph.platform.mongo.TenantStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The channels of the caller's media center. */
@Service
public class ChannelService {

	private final TenantStore store;

	ChannelService(TenantStore store) {
		this.store = store;
	}

	/** The caller's channels among these ids, in one database command; unknown ids are left out. */
	@PreAuthorize("isAuthenticated()")
	public List<Channel> findAllById(Collection<String> ids) {
		return store.current().findAllById(ids, Channel.class);
	}

}
