package cn.mediagraph.platform.observability;

/** The names under which a request's identity appears in the logging context (MDC). */
public final class LogContext {

	/** The request's id: the caller's {@code X-Request-Id}, or one made for it. */
	public static final String REQUEST_ID = "requestId";

	/** The media center of the signed-in caller; absent for anonymous calls and the platform admin. */
	public static final String TENANT_ID = "tenantId";

	private LogContext() {
	}

}
