package cn.mediagraph.platform.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response writer against Jackson: the same JSON (as parsed values) for responses of every
 * value kind a GraphQL result holds, with text of every sort a newsroom writes (Chinese,
 * Tibetan, emoji, quotes, control characters, a lone surrogate); anything else is left to the
 * delegate rather than written wrong.
 */
class GraphQlJsonWriterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void writesWhatJacksonWritesForEveryKindOfValue() {
		Map<String, Object> story = new LinkedHashMap<>();
		story.put("id", "U3Rvcnk6Njc1YjM");
		story.put("title", "共和县 \"铜川\" 报道\\ 第1期 \u0f56\u0f7c\u0f51\u0f0b 😀 é\n\t\r\b\f\u0001\u001f\u007f\u2028");
		story.put("count", 42);
		story.put("big", 9_007_199_254_740_993L);
		story.put("ratio", 0.1);
		story.put("huge", 1.0e300);
		story.put("precise", new BigDecimal("12345678901234567890.123"));
		story.put("bigInt", new BigInteger("123456789012345678901234567890"));
		story.put("flag", true);
		story.put("off", false);
		story.put("missing", null);
		story.put("empty", Map.of());
		story.put("none", List.of());
		story.put("versions", List.of(Map.of("format", "VIDEO"), Arrays.asList(1, null, "x")));
		Map<String, Object> response = Map.of("data", Map.of("stories", List.of(story)));

		byte[] written = GraphQlJsonWriter.bytes(response);
		assertThat(written).isNotNull();
		assertThat(JSON.readTree(written)).isEqualTo(JSON.readTree(JSON.writeValueAsBytes(response)));
	}

	@Test
	void randomTextIsWrittenAsValidUtf8ThatReadsBackTheSame() throws Exception {
		Random random = new Random(7);
		for (int round = 0; round < 2000; round++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(40);
			for (int i = 0; i < length; i++) {
				int kind = random.nextInt(5);
				int code = switch (kind) {
					case 0 -> random.nextInt(0x80);
					case 1 -> 0x80 + random.nextInt(0x780);
					case 2 -> 0x4e00 + random.nextInt(0x5000);
					case 3 -> 0x1f300 + random.nextInt(0x300);
					default -> 0xe000 + random.nextInt(0x1f00);
				};
				text.appendCodePoint(code);
			}
			Map<String, Object> response = Map.of("data", Map.of(text.toString(), text.toString()));
			byte[] written = GraphQlJsonWriter.bytes(response);
			assertThat(written).isNotNull();
			assertThat(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(written)).toString())
				.as("round %d", round)
				.isEqualTo(new String(JSON.writeValueAsBytes(response), StandardCharsets.UTF_8));
		}
	}

	@Test
	void aLoneSurrogateIsEscapedNotMangled() {
		String lone = "a\ud800b";
		byte[] written = GraphQlJsonWriter.bytes(Map.of("t", lone));
		assertThat(new String(written, StandardCharsets.US_ASCII)).isEqualTo("{\"t\":\"a\\uD800b\"}");
		JsonNode read = JSON.readTree(written);
		assertThat(read.path("t").asString()).isEqualTo(lone);
	}

	@Test
	void valuesOfOtherKindsAreLeftToTheDelegate() {
		assertThat(GraphQlJsonWriter.bytes(Map.of("data", Map.of("at", Instant.EPOCH)))).isNull();
		assertThat(GraphQlJsonWriter.bytes(Map.of("data", List.of(new ArrayList<>(List.of(Double.NaN)))))).isNull();
		assertThat(GraphQlJsonWriter.bytes(Map.of("data", Map.of(1, "a number as a key")))).isNull();
	}

}
