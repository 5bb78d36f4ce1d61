package cn.mediagraph.campaign;

/**
 * A campaign's target for one reach metric.
 *
 * @param metric the metric's name, e.g. {@code PLAYS} (a metrics feature's {@code MetricName})
 * @param target the number to reach over the campaign's window
 */
public record CampaignGoal(String metric, double target) {
}
