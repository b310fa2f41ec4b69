package dev.ten.tracing;

import dev.ten.tracing.internal.Guard;
import dev.ten.tracing.internal.SafeStrings;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * Renders non-text content (tool arguments and output) as JSON with Jackson when it is on the classpath,
 * else with {@code String.valueOf}. Jackson writes into a {@link LimitedWriter}, so rendering stops at the
 * content limit however large the value. Rendering never throws: a value Jackson cannot write is rendered
 * with {@code String.valueOf}, and one whose {@code toString()} throws becomes a placeholder.
 */
final class JsonRenderers {

	private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
			JsonRenderers.class.getClassLoader());

	private JsonRenderers() {
	}

	static Renderer detect() {
		return JACKSON_PRESENT ? new Jackson() : JsonRenderers::plain;
	}

	/** {@code String.valueOf}, cut to the limit. */
	static String plain(Object value, int limit) {
		return ContentPolicy.cut(SafeStrings.valueOf(value), limit);
	}

	/** Renders a value as text of at most {@code limit} characters plus a truncation marker. */
	@FunctionalInterface
	interface Renderer {

		String render(Object value, int limit);

	}

	/** Kept in its own class so that nothing loads Jackson when it is absent. */
	private static final class Jackson implements Renderer {

		private final JsonMapper mapper = JsonMapper.builder().build();

		@Override
		public String render(Object value, int limit) {
			LimitedWriter out = new LimitedWriter(limit);
			try {
				this.mapper.writeValue(out, value);
				return out.result();
			}
			catch (JacksonException | StackOverflowError ex) {
				return out.limitReached() ? out.result() : plain(value, limit);
			}
			catch (RuntimeException ex) {
				Guard.failed(ex);
				return plain(value, limit);
			}
		}

	}

}
