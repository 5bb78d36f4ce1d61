package cn.mediagraph.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import cn.mediagraph.campaign.CampaignInputs.GoalInput;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.graphql.UserErrors;
import cn.mediagraph.platform.text.CleanText;
import org.jspecify.annotations.Nullable;

/** What a campaign may be: its fields' limits, checked into typed user errors with their fields. */
final class CampaignRules {

	static final int MAX_NAME = 100;

	static final int MAX_THEME = 200;

	static final int MAX_DESCRIPTION = 5000;

	static final int MAX_CHANNELS = 50;

	static final int MAX_TAGS = 20;

	static final int MAX_TAG = 30;

	static final Duration MAX_WINDOW = Duration.ofDays(366);

	static final Pattern METRIC = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

	private CampaignRules() {
	}

	static void window(@Nullable Instant startsAt, @Nullable Instant endsAt, boolean creating, UserErrors errors) {
		if (creating && startsAt == null) {
			errors.add(UserError.REQUIRED, "Give the start", "startsAt");
		}
		if (creating && endsAt == null) {
			errors.add(UserError.REQUIRED, "Give the end", "endsAt");
		}
		if (startsAt == null || endsAt == null) {
			return;
		}
		if (!endsAt.isAfter(startsAt)) {
			errors.add(UserError.INVALID, "The end must come after the start", "endsAt");
		}
		else if (Duration.between(startsAt, endsAt).compareTo(MAX_WINDOW) > 0) {
			errors.add(UserError.INVALID, "A campaign runs at most 366 days", "endsAt");
		}
	}

	static List<CampaignGoal> goals(@Nullable List<GoalInput> goals, UserErrors errors) {
		if (goals == null) {
			return List.of();
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < goals.size(); i++) {
			GoalInput goal = goals.get(i);
			String at = String.valueOf(i);
			if (goal.metric() == null || !METRIC.matcher(goal.metric()).matches()) {
				errors.add(UserError.INVALID, "A metric's name is capital letters, digits and underscores, e.g. PLAYS",
						"goals", at, "metric");
			}
			else if (!seen.add(goal.metric())) {
				errors.add(UserError.INVALID, "One goal per metric", "goals", at, "metric");
			}
			if (goal.target() == null || !(goal.target() > 0) || goal.target().isInfinite()) {
				errors.add(UserError.INVALID, "A target is a number above 0", "goals", at, "target");
			}
		}
		return goals.stream().map(goal -> new CampaignGoal(String.valueOf(goal.metric()), goal.target() == null ? 0 : goal.target())).toList();
	}

	static List<String> tags(@Nullable List<String> tags, UserErrors errors) {
		if (tags == null) {
			return List.of();
		}
		if (tags.size() > MAX_TAGS) {
			errors.add(UserError.INVALID, "At most " + MAX_TAGS + " tags", "tags");
		}
		List<String> clean = tags.stream().map(CleanText::line).map(String::strip).distinct().toList();
		for (int i = 0; i < clean.size(); i++) {
			errors.text(clean.get(i), MAX_TAG, "tags", String.valueOf(i));
		}
		return clean;
	}

	static @Nullable String optional(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String clean = CleanText.line(text).strip();
		return clean.isEmpty() ? null : clean;
	}

}
