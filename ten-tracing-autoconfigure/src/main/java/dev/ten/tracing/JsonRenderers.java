package dev.ten.tracing;

import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * Renders non-text content (tool arguments and output) as JSON with Jackson when it is on the classpath,
 * else with {@code String.valueOf}. Rendering never throws: a value Jackson cannot write is rendered with
 * {@code String.valueOf}.
 */
final class JsonRenderers {

	private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
			JsonRenderers.class.getClassLoader());

	private JsonRenderers() {
	}

	static Function<Object, String> detect() {
		return JACKSON_PRESENT ? Jackson.render() : String::valueOf;
	}

	/** Kept in its own class so that nothing loads Jackson when it is absent. */
	private static final class Jackson {

		static Function<Object, String> render() {
			JsonMapper mapper = JsonMapper.builder().build();
			return (value) -> {
				try {
					return mapper.writeValueAsString(value);
				}
				catch (RuntimeException | StackOverflowError ex) {
					return String.valueOf(value);
				}
			};
		}

	}

}
