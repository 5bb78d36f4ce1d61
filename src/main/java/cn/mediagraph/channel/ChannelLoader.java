package cn.mediagraph.channel;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Loads the channels a response names (a story version's, a post's, a campaign's) by id, all of
 * a request's at once, from the index. Keyed by the channel id: keying by the object that names
 * the channel hashed every story version's whole text on each request.
 */
@Component
public class ChannelLoader {

	/** The name of the request's loader, for {@code DataLoader<String, Channel>} arguments. */
	public static final String NAME = "channelsById";

	ChannelLoader(BatchLoaderRegistry registry, ChannelService channels) {
		registry.forTypePair(String.class, Channel.class).withName(NAME).registerMappedBatchLoader((ids, environment) ->
				Mono.just(channels.findAllById(ids).stream().collect(Collectors.toMap(Channel::id, Function.identity()))));
	}

	/** The channel with this id, when it is one of the caller's; none for no id. */
	public static CompletableFuture<@Nullable Channel> load(DataLoader<String, Channel> loader, @Nullable String id) {
		return id == null ? CompletableFuture.completedFuture(null) : loader.load(id);
	}

	/** The caller's channels among these ids, in their order, unknown ones left out. */
	public static CompletableFuture<List<Channel>> loadAll(DataLoader<String, Channel> loader, Collection<String> ids) {
		return loader.loadMany(List.copyOf(ids)).thenApply(found -> found.stream().filter(Objects::nonNull).toList());
	}

}
