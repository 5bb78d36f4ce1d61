package cn.mediagraph.channel;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.mediagraph.platform.graphql.PlainDataFetcher;
import graphql.TrivialDataFetcher;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
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

	private final ChannelService channels;

	ChannelLoader(BatchLoaderRegistry registry, ChannelService channels) {
		this.channels = channels;
		registry.forTypePair(String.class, Channel.class).withName(NAME).registerMappedBatchLoader((ids, environment) ->
				Mono.just(byId(ids)));
	}

	/**
	 * A field giving the channel whose id the source names (null when it names none or an unknown
	 * one): the channel loaded ahead ({@link #ahead}) when the result it belongs to did so, else
	 * queued with the request's loader.
	 */
	public static <S> DataFetcher<@Nullable Object> channel(Class<S> source, Function<S, @Nullable String> channelId) {
		return new ChannelField<>(source, channelId);
	}

	/** A field naming one channel: plain when the channel was loaded ahead, else queued with the loader. */
	private record ChannelField<S>(Class<S> source, Function<S, @Nullable String> channelId) implements PlainDataFetcher<@Nullable Object> {

		@Override
		public @Nullable Object get(DataFetchingEnvironment environment) {
			Object channel = plainValue(environment.getFieldDefinition(), environment.getSource(), environment.getLocalContext());
			return channel == DECLINED ? loader(environment).load(channelId.apply(source.cast(environment.getSource()))) : channel;
		}

		@Override
		public @Nullable Object plainValue(GraphQLFieldDefinition field, Object object, @Nullable Object localContext) {
			String id = channelId.apply(source.cast(object));
			if (id == null) {
				return null;
			}
			if (localContext instanceof Ahead ahead && ahead.asked().contains(id)) {
				return ahead.found().get(id);
			}
			return DECLINED;
		}

	}

	/**
	 * A result whose fields below will ask for these channels (a page of stories, each version
	 * naming one), with those channels loaded now in one lookup and handed down to the fields
	 * as their local context. Each such field then answers at once, where a field queuing its
	 * id with the loader waited for the batch and completed through a future: on the newsroom
	 * list, sixty futures and their dispatch per request. Loads nothing when {@code selected}
	 * is false (the client did not ask for the channels).
	 */
	public <T> DataFetcherResult<T> ahead(T result, boolean selected, Stream<@Nullable String> channelIds) {
		if (!selected) {
			return DataFetcherResult.<T>newResult().data(result).build();
		}
		Set<String> asked = channelIds.filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
		return DataFetcherResult.<T>newResult().data(result).localContext(new Ahead(asked, byId(asked))).build();
	}

	/** The caller's channels among these ids, by id, in one lookup. */
	private Map<String, Channel> byId(Collection<String> ids) {
		return ids.isEmpty() ? Map.of()
				: channels.findAllById(ids).stream().collect(Collectors.toUnmodifiableMap(Channel::id, Function.identity()));
	}

	/** Channels loaded ahead: the ids asked for, and those found among them. */
	private record Ahead(Set<String> asked, Map<String, Channel> found) {
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
