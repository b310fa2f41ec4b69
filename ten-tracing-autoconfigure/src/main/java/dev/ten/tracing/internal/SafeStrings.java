package dev.ten.tracing.internal;

/**
 * Turns objects of any kind into text without ever throwing: a {@code toString()} that fails gives a
 * placeholder naming only the types involved, never the value.
 */
public final class SafeStrings {

	private SafeStrings() {
	}

	/**
	 * Returns {@code String.valueOf(value)}, or a placeholder when that throws.
	 * @param value any object, or {@code null}
	 * @return the text, {@code null} for {@code null}
	 */
	public static String valueOf(Object value) {
		if (value == null || value instanceof String) {
			return (String) value;
		}
		try {
			return String.valueOf(value);
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return unreadable(value, ex);
		}
	}

	/**
	 * The placeholder for a value that could not be read.
	 * @param value the value
	 * @param failure what reading it threw
	 * @return {@code [unreadable <type>: <failure type>]}
	 */
	public static String unreadable(Object value, Throwable failure) {
		return "[unreadable " + value.getClass().getName() + ": " + failure.getClass().getName() + "]";
	}

}
