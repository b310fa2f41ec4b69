package dev.ten.tracing.annotation;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A traced tool's arguments by parameter name, as a map that is built only when it is rendered: with
 * content capture off, it never is. Renders as a JSON object.
 */
final class NamedArguments extends AbstractMap<String, Object> {

	private final String[] names;

	private final Object[] values;

	private final int skipped;

	/**
	 * @param names the parameter names
	 * @param values the arguments of the call
	 * @param skipped the index of the argument left out (the session id), or -1
	 */
	NamedArguments(String[] names, Object[] values, int skipped) {
		this.names = names;
		this.values = values;
		this.skipped = skipped;
	}

	@Override
	public Set<Entry<String, Object>> entrySet() {
		Map<String, Object> named = new LinkedHashMap<>();
		for (int i = 0; i < this.values.length; i++) {
			if (i != this.skipped) {
				named.put(this.names[i], this.values[i]);
			}
		}
		return named.entrySet();
	}

}
