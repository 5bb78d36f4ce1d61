package cn.mediagraph.campaign;

/** Where a campaign stands: derived from its window and the time, unless cancelled. */
public enum CampaignStatus {

	/** Its window has not started. */
	PLANNED,

	/** Inside its window. */
	ACTIVE,

	/** Its window is over. */
	COMPLETED,

	/** Called off. */
	CANCELLED

}
