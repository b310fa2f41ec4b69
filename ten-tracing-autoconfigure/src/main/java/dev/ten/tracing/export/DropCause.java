package dev.ten.tracing.export;

/**
 * Why spans were lost on their way to the collector.
 */
public enum DropCause {

	/** The SDK's batch span processor had no room: spans ended faster than it could hand them on. */
	QUEUE_FULL("queue_full"),

	/** The export buffer reached its memory budget while the collector could not take spans; the oldest went. */
	BUFFER_FULL("buffer_full"),

	/** The collector refused the spans for good (for example as malformed), so sending them again cannot help. */
	REJECTED("rejected"),

	/** The application stopped before the spans could be delivered. */
	SHUTDOWN("shutdown");

	private final String tag;

	DropCause(String tag) {
		this.tag = tag;
	}

	/**
	 * Returns the name used in health details, metric tags and log lines.
	 * @return the cause in lower case with underscores
	 */
	public String tag() {
		return this.tag;
	}

}
