package cn.mediagraph.campaign;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelDelivery;
import cn.mediagraph.channel.DeliveryMode;
import cn.mediagraph.platform.graphql.GlobalId;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WEBHOOK channels: an HTTP POST of the post and its story version as JSON, signed with
 * HMAC-SHA256 over the body ({@value #SIGNATURE}: {@code sha256=<hex>}) and carrying the
 * post's idempotency key ({@value #IDEMPOTENCY_KEY}), so a receiver can check the sender and
 * drop a repeated delivery. Redirects are never followed; the target is checked against the
 * allow-list ({@link WebhookTargets}) before every attempt. A 2xx answer publishes the post (a
 * JSON answer's {@code url} becomes its external URL); a timeout, 408, 429 or 5xx is retried;
 * any other answer fails it.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class WebhookPublisher implements ChannelPublisher {

	static final String SIGNATURE = "X-MediaGraph-Signature";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String ATTEMPT = "X-MediaGraph-Attempt";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PublisherSettings settings;

	private final WebhookTargets targets;

	private final HttpClient http;

	WebhookPublisher(PublisherSettings settings) {
		this.settings = settings;
		this.targets = new WebhookTargets(settings.allowedHosts());
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public boolean supports(Channel channel, @Nullable ChannelDelivery delivery) {
		return delivery != null && delivery.mode() == DeliveryMode.WEBHOOK;
	}

	@Override
	public Outcome deliver(Delivery delivery) {
		ChannelDelivery target = delivery.settings();
		if (target == null || target.webhookUrl() == null || target.secret() == null) {
			return Outcome.failed("The channel's webhook has no URL or secret");
		}
		URI url;
		try {
			url = new URI(target.webhookUrl());
		}
		catch (URISyntaxException ex) {
			return Outcome.failed("The webhook URL is not a URL");
		}
		String refusal = targets.refusal(url);
		if (refusal != null) {
			return Outcome.failed("Refused: " + refusal);
		}
		byte[] body = JSON.writeValueAsBytes(body(delivery));
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(settings.requestTimeout())
			.header("Content-Type", "application/json")
			.header(SIGNATURE, "sha256=" + sign(body, target.secret()))
			.header(IDEMPOTENCY_KEY, delivery.idempotencyKey())
			.header(ATTEMPT, Integer.toString(delivery.attempt()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return outcome(response);
		}
		catch (IOException ex) {
			return Outcome.retry("The webhook could not be reached: " + ex.getClass().getSimpleName()
					+ (ex.getMessage() == null ? "" : " " + ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Outcome.retry("Interrupted while sending");
		}
	}

	private static Outcome outcome(HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return Outcome.published(externalUrl(response.body()));
		}
		if (status == 408 || status == 429 || status >= 500) {
			return Outcome.retry("The webhook answered HTTP " + status);
		}
		if (status >= 300 && status < 400) {
			return Outcome.failed("The webhook answered a redirect (HTTP " + status + "), which is not followed");
		}
		return Outcome.failed("The webhook refused the post: HTTP " + status);
	}

	private static @Nullable String externalUrl(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode url = JSON.readTree(body).path("url");
			String text = url.isString() ? url.asString() : null;
			return text != null && text.length() <= 2000 && (text.startsWith("https://") || text.startsWith("http://"))
					? text : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** The JSON sent: the post, the story and the version for the channel. */
	static Map<String, Object> body(Delivery delivery) {
		Post post = delivery.post();
		Map<String, Object> postPart = new LinkedHashMap<>();
		postPart.put("id", delivery.postGlobalId());
		postPart.put("campaignId", GlobalId.encode(CampaignService.NODE_TYPE, post.campaignId()));
		postPart.put("channelId", GlobalId.encode("Channel", post.channelId()));
		postPart.put("scheduledAt", post.scheduledAt().toString());
		postPart.put("idempotencyKey", post.idempotencyKey());
		postPart.put("attempt", delivery.attempt());
		Map<String, Object> story = new LinkedHashMap<>();
		story.put("id", GlobalId.encode("Story", delivery.story().id()));
		story.put("revision", delivery.story().revision());
		story.put("title", delivery.story().title());
		story.put("summary", delivery.story().summary());
		story.put("language", delivery.story().language());
		story.put("tags", delivery.story().tags());
		Map<String, Object> version = new LinkedHashMap<>();
		version.put("format", delivery.version().format().name());
		version.put("medium", delivery.version().medium().name());
		version.put("title", delivery.version().title());
		version.put("body", delivery.version().body());
		version.put("durationSeconds", delivery.version().durationSeconds());
		Map<String, Object> channel = new LinkedHashMap<>();
		channel.put("id", GlobalId.encode("Channel", delivery.channel().id()));
		channel.put("name", delivery.channel().name());
		channel.put("platform", delivery.channel().platform().name());
		channel.put("handle", delivery.channel().handle());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("post", postPart);
		body.put("story", story);
		body.put("version", version);
		body.put("channel", channel);
		return body;
	}

	/** HMAC-SHA256 of the body with the channel's secret, as lower-case hex. */
	static String sign(byte[] body, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
