package dev.ten.tracing.springai;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.InMemoryTracing;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.autoconfigure.TenTracingAutoConfiguration;
import dev.ten.tracing.autoconfigure.TenTracingSpringAiAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import org.springframework.ai.audio.transcription.AudioTranscription;
import org.springframework.ai.audio.transcription.AudioTranscriptionOptions;
import org.springframework.ai.audio.transcription.AudioTranscriptionPrompt;
import org.springframework.ai.audio.transcription.AudioTranscriptionResponse;
import org.springframework.ai.audio.transcription.TranscriptionModel;
import org.springframework.ai.audio.tts.Speech;
import org.springframework.ai.audio.tts.TextToSpeechModel;
import org.springframework.ai.audio.tts.TextToSpeechOptions;
import org.springframework.ai.audio.tts.TextToSpeechPrompt;
import org.springframework.ai.audio.tts.TextToSpeechResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.ClassUtils;

import static dev.ten.tracing.InMemoryTracing.assertChildOf;
import static dev.ten.tracing.InMemoryTracing.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * Spring AI's audio models, which Spring AI does not observe, traced without code: local stub models, one final
 * (proxied by its interfaces when asked, else left alone) and one injected by its own class (proxied by its
 * class), timed on a test clock.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringAiAudioModelsTests {

	private static final ByteArrayResource AUDIO = new ByteArrayResource(new byte[] { 1, 2, 3 }) {

		@Override
		public String getFilename() {
			return "speech.wav";
		}

	};

	private final TestClock clock = TestClock.create();

	private final InMemoryTracing tracing = new InMemoryTracing(this.clock);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TenTracingAutoConfiguration.class,
				TenTracingSpringAiAutoConfiguration.class))
		.withBean(OpenTelemetry.class, () -> this.tracing.sdk)
		.withBean(TestClock.class, () -> this.clock)
		.withPropertyValues("ten.tracing.spring-ai.proxy-final-audio-models=true")
		.withUserConfiguration(AudioModels.class);

	@AfterEach
	void leavesNothingCurrent() {
		assertThat(Context.current()).isSameAs(Context.root());
	}

	@Test
	void transcriptionAndSynthesisInsideATurnAreItsSttAndTtsSteps() {
		this.runner.run((context) -> {
			assertThat(Proxy.isProxyClass(context.getBean(TranscriptionModel.class).getClass()))
				.as("a final model class is proxied by its interfaces").isTrue();
			StubSpeechModel speech = context.getBean(StubSpeechModel.class);
			assertThat(ClassUtils.isCglibProxy(speech)).as("injectable by its own class").isTrue();
			TranscriptionModel transcription = context.getBean(TranscriptionModel.class);
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-1", "agent");
			try (TurnSpan turn = session.startTurn(null); Scope scope = turn.makeCurrent()) {
				turn.userInputEnded();
				String heard = transcription.transcribe(AUDIO, new Whisper("whisper-1"));
				assertThat(heard).isEqualTo("What's the weather?");
				TextToSpeechResponse audio = speech.call(new TextToSpeechPrompt("It's sunny.",
						TextToSpeechOptions.builder().model("tts-1").voice("alloy").build()));
				assertThat(audio.getResults()).hasSize(1);
			}
			session.end();

			SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
			SpanData stt = this.tracing.span(TenConventions.STT_SPAN);
			SpanData tts = this.tracing.span(TenConventions.TTS_SPAN);
			assertChildOf(stt, turn);
			assertChildOf(tts, turn);
			assertThat(attribute(stt, TenConventions.GEN_AI_REQUEST_MODEL)).isEqualTo("whisper-1");
			assertThat(attribute(stt, TenConventions.STT_TRANSCRIPT)).isEqualTo("What's the weather?");
			assertThat(attribute(stt, TenConventions.STT_IS_FINAL)).isTrue();
			assertThat(attribute(stt, TenConventions.STT_TIME_TO_FINAL_TRANSCRIPT)).isCloseTo(0.2, within(1e-9));
			assertThat(attribute(turn, TenConventions.USER_INPUT)).isEqualTo("What's the weather?");
			assertThat(attribute(tts, TenConventions.TTS_INPUT_TEXT)).isEqualTo("It's sunny.");
			assertThat(attribute(tts, TenConventions.GEN_AI_REQUEST_MODEL)).isEqualTo("tts-1");
			assertThat(attribute(tts, TenConventions.TTS_VOICE)).isEqualTo("alloy");
			assertThat(attribute(tts, TenConventions.TTS_TIME_TO_FIRST_BYTE)).isCloseTo(0.15, within(1e-9));
			assertThat(attribute(turn, TenConventions.TURN_E2E_LATENCY)).isCloseTo(0.35, within(1e-9));
			assertThat(attribute(turn, TenConventions.TURN_LATENCY_TRANSCRIPTION)).isCloseTo(0.2, within(1e-9));
			assertThat(attribute(turn, TenConventions.TURN_LATENCY_TTS_FIRST_BYTE)).isCloseTo(0.15, within(1e-9));
		});
	}

	@Test
	void streamedCallsAreOneStepEachTimedFromSubscription() {
		this.runner.run((context) -> {
			TranscriptionModel transcription = context.getBean(TranscriptionModel.class);
			StubSpeechModel speech = context.getBean(StubSpeechModel.class);
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-2", "agent");
			try (TurnSpan turn = session.startTurn(null); Scope scope = turn.makeCurrent()) {
				Flux<String> pieces = transcription.streamTranscribe(AUDIO);
				this.clock.advance(Duration.ofSeconds(5));
				assertThat(pieces.collectList().block()).containsExactly("Tell", " me", " a story");
				// The default method calls the model's own stream(prompt): still one step.
				assertThat(speech.stream("Once upon a time.").collectList().block()).hasSize(3);
			}
			session.end();

			SpanData stt = this.tracing.span(TenConventions.STT_SPAN);
			assertThat(attribute(stt, TenConventions.STT_TRANSCRIPT)).isEqualTo("Tell me a story");
			assertThat(attribute(stt, TenConventions.STT_IS_FINAL)).isTrue();
			assertThat(stt.getEndEpochNanos() - stt.getStartEpochNanos()).as("from subscription, not from the call")
				.isEqualTo(Duration.ofMillis(90).toNanos());
			SpanData tts = this.tracing.span(TenConventions.TTS_SPAN);
			assertThat(attribute(tts, TenConventions.TTS_TIME_TO_FIRST_BYTE)).isCloseTo(0.08, within(1e-9));
			assertThat(attribute(tts, TenConventions.TTS_INPUT_TEXT)).isEqualTo("Once upon a time.");
			assertThat(attribute(tts, TenConventions.GEN_AI_REQUEST_MODEL)).as("the model's defaults").isEqualTo("stub-tts");
		});
	}

	@Test
	void callsOutsideAnyAgentStepAreLeftAlone() {
		this.runner.run((context) -> {
			assertThat(context.getBean(TranscriptionModel.class).transcribe(AUDIO)).isEqualTo("What's the weather?");
			assertThat(context.getBean(StubSpeechModel.class).call("Hello")).isEmpty();
			assertThat(this.tracing.spans()).isEmpty();
		});
	}

	@Test
	void aFailingModelCallFailsItsStepAndReachesTheCallerUnchanged() {
		this.runner.run((context) -> {
			StubSpeechModel speech = context.getBean(StubSpeechModel.class);
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-3", "agent");
			try (TurnSpan turn = session.startTurn("hi"); Scope scope = turn.makeCurrent()) {
				assertThatIllegalStateException()
					.isThrownBy(() -> speech.call(new TextToSpeechPrompt("fail")))
					.withMessage("voice unavailable");
			}
			session.end();
			SpanData tts = this.tracing.span(TenConventions.TTS_SPAN);
			assertThat(attribute(tts, TenConventions.ERROR_TYPE)).isEqualTo(IllegalStateException.class.getName());
		});
	}

	@Test
	void aFinalModelClassIsLeftAloneUnlessAskedSoThatInjectionByItsClassKeepsWorking(CapturedOutput output) {
		this.runner.withPropertyValues("ten.tracing.spring-ai.proxy-final-audio-models=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(StubTranscriptionModel.class)).as("injectable by its class")
				.isExactlyInstanceOf(StubTranscriptionModel.class);
			assertThat(ClassUtils.isCglibProxy(context.getBean(StubSpeechModel.class))).isTrue();
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-4", "agent");
			try (TurnSpan turn = session.startTurn(null); Scope scope = turn.makeCurrent()) {
				context.getBean(StubTranscriptionModel.class).transcribe(AUDIO);
				context.getBean(StubSpeechModel.class).call("Hi");
			}
			session.end();
			assertThat(this.tracing.spans(TenConventions.STT_SPAN)).isEmpty();
			assertThat(this.tracing.spans(TenConventions.TTS_SPAN)).hasSize(1);
		});
		assertThat(output).contains("Spring AI audio model bean 'transcriptionModel' ("
				+ StubTranscriptionModel.class.getName() + ") is not traced")
			.contains("ten.tracing.spring-ai.proxy-final-audio-models=true");
	}

	@Test
	void switchedOffTheModelsAreNotProxied() {
		this.runner.withPropertyValues("ten.tracing.spring-ai.audio-models=false").run((context) -> {
			assertThat(context.getBean(TranscriptionModel.class)).isInstanceOf(StubTranscriptionModel.class);
			assertThat(ClassUtils.isCglibProxy(context.getBean(StubSpeechModel.class))).isFalse();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class AudioModels {

		@Bean
		StubTranscriptionModel transcriptionModel(TestClock clock) {
			return new StubTranscriptionModel(clock);
		}

		@Bean
		StubSpeechModel speechModel(TestClock clock) {
			return new StubSpeechModel(clock);
		}

	}

	/** Transcribes in 200 ms; streams three pieces 30 ms apart. Final, like Spring AI's OpenAI model. */
	static final class StubTranscriptionModel implements TranscriptionModel {

		private final TestClock clock;

		StubTranscriptionModel(TestClock clock) {
			this.clock = clock;
		}

		@Override
		public AudioTranscriptionResponse call(AudioTranscriptionPrompt prompt) {
			this.clock.advance(Duration.ofMillis(200));
			return new AudioTranscriptionResponse(new AudioTranscription("What's the weather?"));
		}

		@Override
		public Flux<AudioTranscriptionResponse> stream(AudioTranscriptionPrompt prompt) {
			return Flux.fromIterable(List.of("Tell", " me", " a story")).map((piece) -> {
				this.clock.advance(Duration.ofMillis(30));
				return new AudioTranscriptionResponse(new AudioTranscription(piece));
			});
		}

	}

	/** Synthesises in 150 ms (or fails on "fail"); streams its first audio after 80 ms. */
	static class StubSpeechModel implements TextToSpeechModel {

		private final TestClock clock;

		StubSpeechModel(TestClock clock) {
			this.clock = clock;
		}

		@Override
		public TextToSpeechResponse call(TextToSpeechPrompt prompt) {
			if ("fail".equals(prompt.getInstructions().getText())) {
				throw new IllegalStateException("voice unavailable");
			}
			this.clock.advance(Duration.ofMillis(150));
			return new TextToSpeechResponse(List.of(new Speech(null)));
		}

		@Override
		public Flux<TextToSpeechResponse> stream(TextToSpeechPrompt prompt) {
			return Flux.range(1, 3).map((i) -> {
				this.clock.advance(Duration.ofMillis((i == 1) ? 80 : 20));
				return new TextToSpeechResponse(List.of(new Speech(new byte[] { i.byteValue() })));
			});
		}

		@Override
		public TextToSpeechOptions getOptions() {
			return TextToSpeechOptions.builder().model("stub-tts").voice("stub-voice").build();
		}

	}

	record Whisper(String getModel) implements AudioTranscriptionOptions {
	}

}
