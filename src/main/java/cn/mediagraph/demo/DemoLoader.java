package cn.mediagraph.demo;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.mediagraph.account.UserService;
import cn.mediagraph.campaign.CampaignService;
import cn.mediagraph.campaign.PostService;
import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.demo.DemoCenter.DemoStory;
import cn.mediagraph.demo.DemoCenter.DemoUser;
import cn.mediagraph.platform.mongo.MongoProperties;
import cn.mediagraph.platform.mongo.PlatformStore;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.story.AssetKind;
import cn.mediagraph.story.MediaAsset;
import cn.mediagraph.story.Story;
import cn.mediagraph.story.StoryFormat;
import cn.mediagraph.story.StoryService;
import cn.mediagraph.story.ReviewLevel;
import cn.mediagraph.story.StoryStatus;
import cn.mediagraph.story.StoryVersion;
import cn.mediagraph.tenant.Tenant;
import cn.mediagraph.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * On the first start of an empty embedded store, loads a demo county media center (共和县融媒体中心):
 * its users, one per role, with passwords generated now and printed once; its channels; and
 * sixty stories with their versions, so a newcomer sees a populated graph at once. Every step
 * is idempotent (stories are imported by their archive ids), so a first start stopped half-way
 * is finished by the next one, which shows the passwords then. {@code MEDIAGRAPH_DEMO=false}
 * turns it off; a real MongoDB never gets demo data.
 */
@Component
@Order(10)
class DemoLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

	static final String RESOURCE = "demo/demo-center.json";

	private final TenantService tenants;

	private final UserService users;

	private final ChannelService channels;

	private final StoryService stories;

	private final MongoProperties mongo;

	private final PlatformStore platform;

	private final Environment environment;

	private final JsonMapper json;

	private final Clock clock;

	private final boolean enabled;

	private final CampaignService campaigns;

	private final PostService postService;

	DemoLoader(TenantService tenants, UserService users, ChannelService channels, StoryService stories,
			MongoProperties mongo, PlatformStore platform, Environment environment, JsonMapper json, Clock clock,
			@Value("${mediagraph.demo.enabled:true}") boolean enabled, CampaignService campaigns, PostService postService) {
		this.campaigns = campaigns;
		this.postService = postService;
		this.platform = platform;
		this.environment = environment;
		this.tenants = tenants;
		this.users = users;
		this.channels = channels;
		this.stories = stories;
		this.mongo = mongo;
		this.json = json;
		this.clock = clock;
		this.enabled = enabled;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (!enabled || !mongo.embeddedMode()) {
			return;
		}
		Optional<DemoState> state = platform.findById(DemoState.ID, DemoState.class);
		if (state.map(DemoState::complete).orElse(false) || (state.isEmpty() && tenants.anyExists())) {
			return;
		}
		long started = System.nanoTime();
		DemoCenter center = read();
		log.info(state.isEmpty() ? "Loading the demo media center '{}' ({} channels, {} stories, {} users)…"
				: "Finishing the demo media center '{}', whose loading was interrupted ({} channels, {} stories, {} users)…",
				center.tenant().name(), center.channels().size(), center.stories().size(), center.users().size());
		Instant firstStarted = state.map(DemoState::startedAt).orElse(clock.instant());
		platform.save(new DemoState(DemoState.ID, false, firstStarted, null));
		Tenant tenant = tenants.findBySlug(center.tenant().slug())
			.orElseGet(() -> tenants.createForBootstrap(center.tenant().slug(), center.tenant().name(),
					center.tenant().timeZone()));
		Map<String, String> passwords = new LinkedHashMap<>();
		Map<Role, String[]> byRole = new java.util.EnumMap<>(Role.class);
		String author = ensureUsers(tenant, center.users(), passwords, byRole);
		Map<String, Channel> byKey = ensureChannels(tenant, center);
		DemoReviews reviews = new DemoReviews(Map.of(ReviewLevel.FIRST, byRole.get(Role.EDITOR), ReviewLevel.SECOND,
				byRole.get(Role.SENIOR_EDITOR), ReviewLevel.FINAL, byRole.get(Role.CHIEF_EDITOR)));
		List<Story> staged = toStories(center.stories(), byKey, author).stream().map(reviews::staged).toList();
		List<Story> imported = stories.importStories(tenant.id(), staged);
		imported.forEach(story -> stories.importRevisions(tenant.id(), story, reviews.edits(story)));
		int posts = new DemoCampaigns(campaigns, postService, channels, tenant.id(), ZoneId.of(tenant.timeZone()), clock.instant(),
				author, byKey, staged.stream().map(story -> Story.idOfImported(tenant.id(), story.externalId())).toList())
			.load();
		log.info("Loaded the demo campaigns: 4 campaigns, {} posts in every state", posts);
		platform.save(new DemoState(DemoState.ID, true, firstStarted, clock.instant()));
		log.info("Loaded the demo media center '{}' ({}) in {} ms: {} channels, {} stories ({} new)", tenant.name(),
				tenant.slug(), (System.nanoTime() - started) / 1_000_000, byKey.size(), center.stories().size(),
				imported.size());
		StringBuilder credentials = new StringBuilder();
		passwords.forEach((username, password) -> credentials.append(String.format("%n    %-10s %s", username, password)));
		log.info("Demo users of tenant '{}' (passwords are shown this once):{}", tenant.slug(), credentials);
		log.info("Open {} to sign in as one of them (media center '{}'), or {}graphiql to query the graph",
				baseUrl(), tenant.slug(), baseUrl());
	}

	private String baseUrl() {
		return "http://localhost:" + environment.getProperty("local.server.port", "8080") + "/";
	}

	private DemoCenter read() throws IOException {
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			return json.readValue(in, DemoCenter.class);
		}
	}

	/**
	 * Creates the users (or gives those an interrupted start made new passwords) and notes their
	 * passwords; returns the id of the one who files the stories.
	 */
	private String ensureUsers(Tenant tenant, List<DemoUser> demoUsers, Map<String, String> passwords,
			Map<Role, String[]> byRole) {
		String author = null;
		for (DemoUser user : demoUsers) {
			String password = password();
			String id = users.ensureForBootstrap(tenant.id(), user.username(), user.displayName(), password,
					EnumSet.copyOf(user.roles()));
			passwords.put(user.username(), password);
			user.roles().forEach(role -> byRole.putIfAbsent(role, new String[] { id, user.username() }));
			if (author == null || user.roles().contains(Role.REPORTER)) {
				author = id;
			}
		}
		return java.util.Objects.requireNonNull(author, "the demo center has no users");
	}

	private Map<String, Channel> ensureChannels(Tenant tenant, DemoCenter center) {
		Map<String, Channel> byKey = new HashMap<>();
		for (var channel : center.channels()) {
			byKey.put(channel.key(), channels.ensureForBootstrap(tenant.id(), channel.name(), channel.platform(),
					channel.medium(), channel.handle(), channel.maxPostsPerDay(), channel.active()));
		}
		return byKey;
	}

	private List<Story> toStories(List<DemoStory> demoStories, Map<String, Channel> channelsByKey, String author) {
		Instant now = clock.instant();
		List<Story> result = new ArrayList<>(demoStories.size());
		for (int i = 0; i < demoStories.size(); i++) {
			DemoStory story = demoStories.get(i);
			// spread the stories of one day over its working hours, in file order
			Instant createdAt = now.minus(Duration.ofDays(story.daysAgo())).minus(Duration.ofMinutes(7L * (demoStories.size() - i)));
			List<StoryVersion> versions = story.versions().stream().map(v -> {
				Channel channel = channelsByKey.get(v.channel());
				return new StoryVersion(StoryFormat.valueOf(v.format()), channel.id(), channel.medium(), v.title(), v.body(),
						v.durationSeconds());
			}).toList();
			List<MediaAsset> assets = story.assets().stream()
				.map(a -> new MediaAsset(AssetKind.valueOf(a.kind()), a.url(), a.durationSeconds(), a.caption()))
				.toList();
			result.add(new Story("", "", 0, "demo-" + (i + 1), story.title(), story.summary(), story.body(), story.language(), story.tags(),
					story.region(), story.bylines(), assets, versions, Story.channelIdsOf(versions),
					StoryStatus.valueOf(story.status()), Story.FIRST_REVISION, author, createdAt, createdAt));
		}
		return result;
	}

	/** Twelve characters from an alphabet without look-alikes (no 0/O, 1/l/I). */
	private static String password() {
		String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return password.toString();
	}

}
