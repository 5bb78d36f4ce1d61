package cn.mediagraph.platform.search;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the search index lives and how often it is made durable.
 *
 * @param dir the index directory, one per app instance ({@code MEDIAGRAPH_INDEX_DIR}, by default
 * {@code index} under the data directory)
 * @param inMemory keep the index in memory only (tests): it is rebuilt from MongoDB at every start
 * @param commitInterval how often changes are committed to disk in the background; after a crash,
 * what was not committed is recovered from MongoDB
 * @param followInterval how long the change-stream follower waits for other instances' writes
 * before asking again
 * @param rebuild rebuild the whole index from MongoDB at start-up (should it ever be doubted)
 */
@ConfigurationProperties("mediagraph.index")
public record SearchProperties(Path dir, @DefaultValue("false") boolean inMemory,
		@DefaultValue("5s") Duration commitInterval, @DefaultValue("200ms") Duration followInterval,
		@DefaultValue("false") boolean rebuild) {
}
