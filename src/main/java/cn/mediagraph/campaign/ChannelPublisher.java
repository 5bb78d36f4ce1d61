package cn.mediagraph.campaign;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelDelivery;
import cn.mediagraph.story.Story;
import cn.mediagraph.story.StoryVersion;
import org.jspecify.annotations.Nullable;

/**
 * Puts a due post out on its channel: the place for platform adapters. The webhook and the
 * manual hand-over are the two built in; an adapter for a platform's own API (a WeChat official
 * account, Douyin …) is one more bean that {@link #supports} its channels, ordered before them
 * ({@link org.springframework.core.annotation.Order}). The publisher calls {@link #deliver}
 * once per attempt, under a claim on the post, outside any lock; the same post may be delivered
 * again after a crash (its lease ended), so an adapter passes {@link Delivery#idempotencyKey} on
 * to the platform where it can.
 */
public interface ChannelPublisher {

	/** Whether this publisher delivers to the channel with these settings (null: none set). */
	boolean supports(Channel channel, @Nullable ChannelDelivery settings);

	/** One delivery attempt. Must not throw for a failed delivery: return {@link Outcome#retry} or {@link Outcome#failed}. */
	Outcome deliver(Delivery delivery);

	/**
	 * What to deliver.
	 *
	 * @param post the post, as claimed
	 * @param postGlobalId the post's global id, as the API shows it
	 * @param story the story, approved
	 * @param version the story's form for this channel
	 * @param channel the channel
	 * @param settings its delivery settings, if set
	 * @param attempt this attempt's number, from 1
	 */
	record Delivery(Post post, String postGlobalId, Story story, StoryVersion version, Channel channel,
			@Nullable ChannelDelivery settings, int attempt) {

		public String idempotencyKey() {
			return post.idempotencyKey();
		}

	}

	/** How an attempt ended. */
	sealed interface Outcome {

		/** Out on the channel; where it can be seen, if the platform said. */
		record Published(@Nullable String externalUrl) implements Outcome {
		}

		/** Not out; worth another attempt (a timeout, a 5xx, a 429). */
		record Retry(String reason) implements Outcome {
		}

		/** Not out and never will be by retrying (a refused target, a 4xx). */
		record Failed(String reason) implements Outcome {
		}

		/** Handed to people: an editor publishes it and confirms it. */
		record AwaitConfirmation(String reason) implements Outcome {
		}

		static Outcome published(@Nullable String externalUrl) {
			return new Published(externalUrl);
		}

		static Outcome retry(String reason) {
			return new Retry(reason);
		}

		static Outcome failed(String reason) {
			return new Failed(reason);
		}

	}

}
