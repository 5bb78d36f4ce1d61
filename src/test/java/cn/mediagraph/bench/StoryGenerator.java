package cn.mediagraph.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic newsroom stories for benchmarks and randomized tests: the same seed gives the
 * same archive. Bodies run to about 400 characters of Chinese by default (600 for
 * {@link StoryBenchmark}), like a county web article, spread over years of creation times,
 * newest last.
 */
public final class StoryGenerator {

	static final String[] COUNTIES = { "宜君", "耀州", "印台", "王益", "铜川", "富平", "黄陵", "旬邑", "淳化", "彬州" };

	static final String[] TOWNS = { "城关镇", "彭镇", "五里镇", "太安镇", "棋盘镇", "尧生镇", "哭泉镇", "云梦乡", "西村街道",
			"雷塬镇", "偏桥镇", "宜阳街道" };

	static final String[] TAGS = { "乡村振兴", "文旅", "民生", "新时代文明实践", "基层治理", "七夕", "越野赛", "农业", "教育",
			"医疗", "交通", "天气", "招商", "志愿服务", "党建", "生态", "非遗", "体育" };

	static final String[] SUBJECTS = { "县融媒体中心", "文明实践志愿服务队", "网格员", "镇卫生院", "县第一小学", "合作社",
			"文旅局", "交警大队", "农技站", "社区党支部", "非遗传承人", "返乡创业青年" };

	static final String[] ACTIONS = { "开展了", "组织了", "启动了", "完成了", "推出了", "举办了", "直播了", "走访了" };

	static final String[] OBJECTS = { "苹果采摘节", "山地越野赛", "七夕主题灯光秀", "义诊进村活动", "防汛演练", "短视频大赛",
			"玉米机收现场会", "文明家庭评选", "道路改造工程", "夜间集市", "乡村振兴论坛", "中药材种植培训" };

	static final String[] DETAILS = { "现场吸引了数百名群众参与", "全网点击量持续攀升", "短视频在抖音获得大量转发", "群众通过小程序点单服务",
			"网格员一键上报问题后迅速响应", "大屏滚动播出宣传片", "稿件被省级媒体采用", "直播观看人次创下新高", "村民纷纷点赞留言",
			"相关部门现场解答政策问题", "合作社带动周边农户增收", "游客在河边拍照打卡" };

	static final String[] CLOSINGS = { "下一步还将持续跟进报道。", "活动将持续到本月底。", "中心将推出系列短视频。", "更多内容请关注县融媒客户端。",
			"记者将在后续报道中带来更多细节。", "有关部门表示将形成长效机制。" };

	static final String[] STATUSES = { "DRAFT", "IN_REVIEW", "APPROVED", "PUBLISHED", "PUBLISHED", "PUBLISHED", "PUBLISHED",
			"ARCHIVED" };

	/**
	 * One generated story.
	 *
	 * @param channels indexes into the caller's channel list
	 */
	public record Generated(String title, String summary, String body, String language, List<String> tags,
			String region, String status, List<Integer> channels, Instant createdAt) {
	}

	private final Random random;

	private final Instant start;

	private final Duration step;

	private final int channelCount;

	private final int bodyChars;

	private int index;

	/**
	 * @param seed the archive's seed
	 * @param count how many stories will be drawn: they spread over five years up to {@code end}
	 * @param channelCount how many channels versions may target
	 */
	public StoryGenerator(long seed, int count, Instant end, int channelCount) {
		this(seed, count, end, channelCount, 400);
	}

	/**
	 * @param seed the archive's seed
	 * @param count how many stories will be drawn: they spread over five years up to {@code end}
	 * @param channelCount how many channels versions may target
	 * @param bodyChars about how many characters each body runs to
	 */
	public StoryGenerator(long seed, int count, Instant end, int channelCount, int bodyChars) {
		this.bodyChars = bodyChars;
		this.random = new Random(seed);
		Duration span = Duration.ofDays(5 * 365);
		this.start = end.minus(span);
		this.step = span.dividedBy(Math.max(1, count));
		this.channelCount = channelCount;
	}

	public Generated next() {
		String county = pick(COUNTIES);
		String town = pick(TOWNS);
		String object = pick(OBJECTS);
		String title = county + town + pick(ACTIONS) + object;
		String summary = pick(SUBJECTS) + "在" + town + pick(ACTIONS) + object + "，" + pick(DETAILS) + "。";
		String body = body(county, town);
		Set<String> tags = new LinkedHashSet<>();
		int tagCount = 1 + random.nextInt(3);
		while (tags.size() < tagCount) {
			tags.add(pick(TAGS));
		}
		Set<Integer> channels = new LinkedHashSet<>();
		int versionCount = 1 + random.nextInt(3);
		while (channels.size() < Math.min(versionCount, channelCount)) {
			channels.add(random.nextInt(channelCount));
		}
		String language = random.nextInt(50) == 0 ? "bo" : "zh-Hans";
		Instant createdAt = start.plus(step.multipliedBy(index++)).plusMillis(random.nextInt(1000));
		return new Generated(title, summary, body, language, List.copyOf(tags), town, pick(STATUSES),
				new ArrayList<>(channels), createdAt);
	}

	/** A fresh body of about the configured length, for edits. */
	public String nextBody() {
		return body(pick(COUNTIES), pick(TOWNS));
	}

	private String body(String county, String town) {
		StringBuilder body = new StringBuilder();
		while (body.length() < bodyChars - 20) {
			body.append(sentence(county, town));
		}
		return body.append(pick(CLOSINGS)).toString();
	}

	private String sentence(String county, String town) {
		int n = 10 + random.nextInt(990);
		return switch (random.nextInt(4)) {
			case 0 -> "近日，" + county + pick(SUBJECTS) + "在" + town + pick(ACTIONS) + pick(OBJECTS) + "，" + pick(DETAILS) + "。";
			case 1 -> "据了解，本次活动共有" + n + "名群众参与，" + pick(DETAILS) + "。";
			case 2 -> pick(SUBJECTS) + "负责人介绍，" + town + "今年已" + pick(ACTIONS) + n + "场" + pick(OBJECTS) + "。";
			default -> "在" + county + "，" + pick(DETAILS) + "，" + pick(SUBJECTS) + "表示将继续做好服务。";
		};
	}

	private String pick(String[] values) {
		return values[random.nextInt(values.length)];
	}

}
