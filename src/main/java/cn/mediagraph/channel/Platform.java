package cn.mediagraph.channel;

/** Where a channel publishes: the outlets a county media center runs or posts to. */
public enum Platform {

	/** County TV (广播电视). */
	TV,
	/** County radio. */
	RADIO,
	/** The county newspaper (报). */
	NEWSPAPER,
	/** The center's website (网). */
	WEBSITE,
	/** The county news app (客户端). */
	APP,
	/** A WeChat official account (微信公众号). */
	WECHAT_OFFICIAL_ACCOUNT,
	/** WeChat Channels (视频号). */
	WECHAT_CHANNELS,
	/** A WeChat mini program (小程序). */
	WECHAT_MINI_PROGRAM,
	/** Weibo. */
	WEIBO,
	/** Douyin (抖音). */
	DOUYIN,
	/** Kuaishou (快手). */
	KUAISHOU,
	/** The national Xuexi Qiangguo platform (学习强国). */
	XUEXI_QIANGGUO,
	/** A partner outlet, e.g. a provincial or national news site. */
	PARTNER_OUTLET,
	/** An outdoor LED big screen (大屏). */
	OUTDOOR_SCREEN,
	/** An SMS broadcast platform (短信平台). */
	SMS

}
