package cn.mediagraph.campaign;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scheduling rules and the publisher's settings ({@code mediagraph.publisher.*}).
 *
 * @param enabled whether this instance runs the background publisher (tests drive
 * {@link Publisher#publishDue()} themselves)
 * @param interval how often it looks for due posts
 * @param approvalCutoff how long before its instant a post's story must be approved
 * @param minGap the least time between two posts of one story on one channel
 * @param lease how long a claim on a due post holds; a crashed delivery is taken again after it
 * @param maxAttempts delivery attempts before a post FAILS
 * @param firstRetry the wait after the first failed attempt, doubled after each further one
 * @param maxRetry the longest wait between attempts
 * @param connectTimeout a webhook's connect timeout
 * @param requestTimeout a webhook's whole-request timeout
 * @param concurrency deliveries this instance runs at once
 * @param allowedHosts hosts webhooks may reach ({@code MEDIAGRAPH_WEBHOOK_ALLOWED_HOSTS}): exact
 * names or addresses (private and loopback addresses are reached only when listed so), or
 * {@code *.example.cn} for public addresses under a domain; empty: any public address
 */
@ConfigurationProperties("mediagraph.publisher")
record PublisherSettings(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration interval,
		@DefaultValue("5m") Duration approvalCutoff, @DefaultValue("2h") Duration minGap,
		@DefaultValue("60s") Duration lease, @DefaultValue("8") int maxAttempts, @DefaultValue("5s") Duration firstRetry,
		@DefaultValue("10m") Duration maxRetry, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("15s") Duration requestTimeout, @DefaultValue("16") int concurrency,
		@DefaultValue List<String> allowedHosts) {
}
