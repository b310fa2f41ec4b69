package dev.ten.tracing.internal;

import java.util.regex.Pattern;

/**
 * Takes credentials out of text that may quote a URL, before it is shown in a log line, a health detail or an
 * exception message: the user information of a URL ({@code //user:password@}) and its query, where API keys
 * often travel.
 */
public final class Credentials {

	private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]+@");

	private static final Pattern QUERY = Pattern.compile("\\?[^\\s]*");

	private Credentials() {
	}

	/**
	 * Returns the text without the user information and queries of the URLs in it.
	 * @param text any text
	 * @return the text as it may be shown
	 */
	public static String removedFrom(String text) {
		return QUERY.matcher(USER_INFO.matcher(text).replaceAll("//")).replaceAll("");
	}

}
