package cn.mediagraph.story;

import cn.mediagraph.channel.Medium;
import org.jspecify.annotations.Nullable;

/**
 * One form of a story, for one channel or, when none is named yet, for one medium.
 *
 * @param format the form it takes
 * @param channelId the channel it goes out on, if one is named
 * @param medium the medium it is for: the channel's, when it names one
 * @param title the headline of this form
 * @param body the script, article or message
 * @param durationSeconds running time of broadcast, video and stream forms
 */
public record StoryVersion(StoryFormat format, @Nullable String channelId, Medium medium, String title, String body,
		@Nullable Integer durationSeconds) {
}
