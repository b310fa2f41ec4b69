package dev.ten.tracing.export;

/**
 * Whether spans reach the collector.
 */
public enum ExportStatus {

	/** No export has been attempted yet: nothing is known about the collector. */
	UNKNOWN,

	/** The last export succeeded. */
	UP,

	/** The last export failed; spans wait in the buffer and are sent again. */
	DOWN

}
