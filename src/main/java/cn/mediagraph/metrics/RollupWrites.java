package cn.mediagraph.metrics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.mediagraph.metrics.Observations.Effect;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The rollup changes of a batch, merged in memory by document and field, so a batch costs one
 * upsert per rollup document however many samples it carries.
 */
final class RollupWrites {

	/** Where a content's figures count. */
	record Target(String channelId, @Nullable String postId, @Nullable String storyId, @Nullable String campaignId,
			String platform) {

		List<Scope> scopes() {
			List<Scope> scopes = new ArrayList<>(5);
			if (postId != null) {
				scopes.add(new Scope(Scope.POST, postId));
			}
			if (storyId != null) {
				scopes.add(new Scope(Scope.STORY, storyId));
			}
			if (campaignId != null) {
				scopes.add(new Scope(Scope.CAMPAIGN, campaignId));
			}
			scopes.add(new Scope(Scope.CHANNEL, channelId));
			scopes.add(Scope.tenant());
			return scopes;
		}

	}

	private final String tenantId;

	private final LocalCalendar calendar;

	private final Map<String, Map<String, Double>> increments = new LinkedHashMap<>();

	private final Map<String, Map<String, Double>> maxima = new LinkedHashMap<>();

	RollupWrites(String tenantId, LocalCalendar calendar) {
		this.tenantId = tenantId;
		this.calendar = calendar;
	}

	void apply(Target target, Effect effect) {
		LocalDate day = calendar.dayOf(effect.hour());
		String dayId = LocalCalendar.dayKey(day);
		String metric = effect.metric().name();
		String hour = Long.toString(effect.hour());
		if (effect.metric().aggregation() == Aggregation.UNIQUE) {
			if (target.postId() != null) {
				String doc = new Scope(Scope.POST, target.postId()).docId(tenantId, dayId);
				put(doc, "t." + metric, effect);
				put(doc, "h." + hour + "." + metric, effect);
			}
			return;
		}
		String[] periods = { dayId, LocalCalendar.monthKey(YearMonth.from(day)), Rollup.LIFETIME };
		boolean ranked = target.storyId() != null && !effect.metric().aggregation().asOfEnd();
		for (Scope scope : target.scopes()) {
			for (String period : periods) {
				String doc = scope.docId(tenantId, period);
				boolean isDay = period.equals(dayId);
				put(doc, "t." + metric, effect);
				if (isDay) {
					put(doc, "h." + hour + "." + metric, effect);
				}
				if (scope.byChannel()) {
					put(doc, "c." + target.channelId() + "." + metric, effect);
					if (isDay) {
						put(doc, "hc." + hour + "." + target.channelId() + "." + metric, effect);
					}
				}
				if (scope.kind() == Scope.TENANT && ranked && !period.equals(Rollup.LIFETIME)) {
					put(doc, "s." + target.storyId() + "." + target.platform() + "." + metric, effect);
				}
			}
		}
	}

	private void put(String doc, String path, Effect effect) {
		if (effect.peak()) {
			maxima.computeIfAbsent(doc, key -> new HashMap<>()).merge(path, effect.value(), Math::max);
			return;
		}
		Map<String, Double> fields = increments.computeIfAbsent(doc, key -> new HashMap<>());
		fields.merge(path, effect.value(), Double::sum);
		if (effect.metric().aggregation() == Aggregation.WEIGHTED_AVERAGE) {
			fields.merge(path + Rollup.WEIGHT, effect.weight(), Double::sum);
		}
	}

	boolean isEmpty() {
		return increments.isEmpty() && maxima.isEmpty();
	}

	/** One update per document: its increments and maxima. */
	Map<String, Update> updates() {
		Map<String, Update> updates = new LinkedHashMap<>();
		increments.forEach((doc, fields) -> {
			Update update = updates.computeIfAbsent(doc, key -> new Update());
			fields.forEach((path, amount) -> {
				if (amount != 0) {
					update.inc(path, amount);
				}
			});
		});
		maxima.forEach((doc, fields) -> {
			Update update = updates.computeIfAbsent(doc, key -> new Update());
			fields.forEach(update::max);
		});
		updates.values().removeIf(update -> update.getUpdateObject().isEmpty());
		return updates;
	}

	void clear() {
		increments.clear();
		maxima.clear();
	}

}
