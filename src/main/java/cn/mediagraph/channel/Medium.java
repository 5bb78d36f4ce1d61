package cn.mediagraph.channel;

/** The kind of medium a channel is, which decides the forms a story takes on it. */
public enum Medium {

	/** TV and radio. */
	BROADCAST,
	/** Newspaper. */
	PRINT,
	/** Website and app. */
	WEB,
	/** Social accounts: WeChat, Weibo, Xuexi Qiangguo. */
	SOCIAL,
	/** Short vertical video: Douyin, Kuaishou, WeChat Channels. */
	SHORT_VIDEO,
	/** Outdoor screens and signage. */
	OUTDOOR,
	/** Direct messages such as SMS. */
	DIRECT

}
