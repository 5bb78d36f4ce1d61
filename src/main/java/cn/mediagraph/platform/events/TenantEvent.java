package cn.mediagraph.platform.events;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened in a media center, told to its live subscribers.
 *
 * @param tenantId the center: only its subscribers get the event
 * @param topic what the event is about, e.g. {@code story}: subscribers choose a topic
 * @param payload the event's data: strings, numbers, booleans and nulls only, so it crosses
 * instances through MongoDB unchanged
 * @param at when it happened
 */
public record TenantEvent(String tenantId, String topic, Map<String, Object> payload, Instant at) {

	public TenantEvent {
		payload = Map.copyOf(payload);
	}

	/** A payload value as text, or null when absent. */
	public @Nullable String text(String key) {
		Object value = payload.get(key);
		return value == null ? null : value.toString();
	}

}
