package cn.mediagraph.channel;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.TrivialDataFetcher;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Loads the channels a response names (a story version's, a post's, a campaign's) by id, all of
 * a request's at once, from the index. Keyed by the channel id: keying by the object that names
 * the channel hashed every story version's whole text on each request.
 * <p>
 * The fields that name channels use {@link #channel} and {@link #channels}: plain data fetchers
 * that only queue an id with the request's loader. They are many per page (one per story
 * version), and an annotated controller method costs a handler object, argument resolution and
 * a context restore per call; the loading itself runs in the batch, with the caller's context.
 */
@Component
public class ChannelLoader {

	/** The name of the request's loader. */
	public static final String NAME = "channelsById";

	ChannelLoader(BatchLoaderRegistry registry, ChannelService channels) {
		registry.forTypePair(String.class, Channel.class).withName(NAME).registerMappedBatchLoader((ids, environment) ->
				Mono.just(channels.findAllById(ids).stream().collect(Collectors.toMap(Channel::id, Function.identity()))));
	}

	/** A field giving the channel whose id the source names (null when it names none or an unknown one). */
	public static <S> DataFetcher<CompletableFuture<@Nullable Channel>> channel(Class<S> source,
			Function<S, @Nullable String> channelId) {
		return (TrivialDataFetcher<CompletableFuture<@Nullable Channel>>) environment -> {
			String id = channelId.apply(source.cast(environment.getSource()));
			return id == null ? CompletableFuture.completedFuture(null) : loader(environment).load(id);
		};
	}

	/** A field giving the channels whose ids the source names, in their order, unknown ones left out. */
	public static <S> DataFetcher<CompletableFuture<List<Channel>>> channels(Class<S> source,
			Function<S, List<String>> channelIds) {
		return (TrivialDataFetcher<CompletableFuture<List<Channel>>>) environment -> loader(environment)
			.loadMany(List.copyOf(channelIds.apply(source.cast(environment.getSource()))))
			.thenApply(found -> found.stream().filter(Objects::nonNull).toList());
	}

	private static DataLoader<String, Channel> loader(DataFetchingEnvironment environment) {
		return Objects.requireNonNull(environment.getDataLoader(NAME), NAME);
	}

}
