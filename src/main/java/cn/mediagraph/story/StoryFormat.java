package cn.mediagraph.story;

/** The forms a story takes in the central kitchen (中央厨房). */
public enum StoryFormat {

	/** A segment of a TV news programme. */
	TV_SEGMENT,
	/** A segment of a radio programme. */
	RADIO_SEGMENT,
	/** An article in the newspaper. */
	PRINT_ARTICLE,
	/** An article on the website or app. */
	WEB_ARTICLE,
	/** A short vertical video. */
	SHORT_VIDEO,
	/** A live broadcast. */
	LIVE_STREAM,
	/** A post on a social account. */
	SOCIAL_POST,
	/** A spot rolled on an outdoor big screen. */
	SCREEN_SPOT,
	/** A text message sent by SMS. */
	SMS_MESSAGE

}
