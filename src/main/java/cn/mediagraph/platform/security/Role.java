package cn.mediagraph.platform.security;

/**
 * What a user may do. The three editing roles follow the three-level review (三审): first
 * review by the editor, second by the department head, final by the chief editor.
 */
public enum Role {

	/** Gathers and writes stories. */
	REPORTER,
	/** First review (初审); edits any story. */
	EDITOR,
	/** Second review (复审), the department head. */
	SENIOR_EDITOR,
	/** Final review (终审), the chief editor. */
	CHIEF_EDITOR,
	/** Reads reach figures and the graph; writes nothing. */
	ANALYST,
	/** Administers one media center: its users and channels. */
	ADMIN,
	/** Administers the platform: creates media centers and their first users. Has no tenant. */
	PLATFORM_ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

}
