package cn.mediagraph.channel;

/** How a channel's posts go out. */
public enum DeliveryMode {

	/** An HTTP POST of the post and its story version as JSON, signed with HMAC-SHA256. */
	WEBHOOK,

	/** An editor publishes by hand and records the external URL. */
	MANUAL

}
