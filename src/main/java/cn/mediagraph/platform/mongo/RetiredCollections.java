package cn.mediagraph.platform.mongo;

import java.util.List;

/**
 * Collections an earlier version kept and this one no longer reads: {@link MongoStartup} drops
 * them, so an existing store upgrades on start. Features declare theirs as beans.
 *
 * @param collections the collections
 * @param replacedBy what took their place, for the log
 */
public record RetiredCollections(List<String> collections, String replacedBy) {
}
