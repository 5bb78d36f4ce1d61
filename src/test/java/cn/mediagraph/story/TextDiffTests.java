package cn.mediagraph.story;

import java.util.List;

import cn.mediagraph.story.TextDiff.Change;
import cn.mediagraph.story.TextDiff.Segment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The line difference of two texts, as a revision shows it. */
class TextDiffTests {

	@Test
	void keptRemovedAndAddedLinesInOrder() {
		assertThat(TextDiff.lines("一\n二\n三\n四", "一\n贰\n三\n四\n五")).containsExactly(new Segment(Change.SAME, "一"),
				new Segment(Change.ADDED, "贰"), new Segment(Change.REMOVED, "二"), new Segment(Change.SAME, "三\n四"),
				new Segment(Change.ADDED, "五"));
	}

	@Test
	void equalTextsAreOneKeptSegmentAndEmptyOnesNone() {
		assertThat(TextDiff.lines("甲\n乙", "甲\n乙")).containsExactly(new Segment(Change.SAME, "甲\n乙"));
		assertThat(TextDiff.lines("", "")).isEmpty();
		assertThat(TextDiff.lines("", "新")).containsExactly(new Segment(Change.ADDED, "新"));
		assertThat(TextDiff.lines("旧", "")).containsExactly(new Segment(Change.REMOVED, "旧"));
	}

	@Test
	void textsTooLongToCompareLineByLineAreReplacedWhole() {
		String many = "行\n".repeat(2_100);
		String other = "列\n".repeat(2_100);
		assertThat(TextDiff.lines(many, other)).extracting(Segment::change).containsExactly(Change.REMOVED, Change.ADDED);
		List<Segment> small = TextDiff.lines("a\nb", "a\nc");
		assertThat(small).extracting(Segment::change).containsExactly(Change.SAME, Change.ADDED, Change.REMOVED);
	}

}
