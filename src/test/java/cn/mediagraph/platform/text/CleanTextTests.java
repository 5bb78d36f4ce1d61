package cn.mediagraph.platform.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Required text must show something: spaces of every kind and invisible characters do not count. */
class CleanTextTests {

	@Test
	void textOfSpacesControlsAndInvisibleCharactersIsBlank() {
		for (String blank : new String[] { "", " \t\n", "\u3000", "\u00a0", "\u200b\u200c\u200d", "\u2060", "\ufeff",
				"\u00ad", "\u0000\u0007", "\u202e", "\u3164\u3164", "\u115f\u1160", "\uffa0", "\u2800", "\u034f", "\ufe0f",
				new String(Character.toChars(0xE0041)) + new String(Character.toChars(0xE0100)),
				new String(Character.toChars(0x1D173)) }) {
			assertThat(CleanText.isBlank(blank)).as("%s", blank.codePoints().mapToObj(Integer::toHexString).toList())
				.isTrue();
		}
	}

	@Test
	void anyVisibleCharacterIsText() {
		for (String text : new String[] { "字", "\u200bA", " 1 ", "\ud800", "\u0f00", "\ud83d\ude00" }) {
			assertThat(CleanText.isBlank(text)).as(text).isFalse();
		}
	}

}
