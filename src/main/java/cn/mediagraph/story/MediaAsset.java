package cn.mediagraph.story;

import org.jspecify.annotations.Nullable;

/**
 * A piece of media gathered for a story.
 *
 * @param kind video, photo or audio
 * @param url where the file is (http or https)
 * @param durationSeconds running time of video and audio
 * @param caption a caption for people
 */
public record MediaAsset(AssetKind kind, String url, @Nullable Integer durationSeconds, @Nullable String caption) {
}
