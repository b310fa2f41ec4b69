package dev.ten.tracing.annotation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnKindTests {

	@Test
	void valuesEndAtReturn() {
		assertThat(ReturnKind.of(String.class)).isEqualTo(ReturnKind.VALUE);
		assertThat(ReturnKind.of(void.class)).isEqualTo(ReturnKind.VALUE);
	}

	@Test
	void stagesEndOnCompletionAndOnlyTheTwoStandardTypesMayBeReplacedForTheCaller() {
		assertThat(ReturnKind.of(CompletableFuture.class)).isEqualTo(ReturnKind.COMPLETION_STAGE);
		assertThat(ReturnKind.of(CompletionStage.class)).isEqualTo(ReturnKind.COMPLETION_STAGE);
		assertThat(ReturnKind.of(OwnFuture.class)).isEqualTo(ReturnKind.COMPLETION_STAGE_SUBTYPE);
	}

	@Test
	void rxJavaTypesAreRecognisedThroughSpringsReactiveAdapters() {
		assertThat(ReturnKind.of(Single.class)).isEqualTo(ReturnKind.MONO);
		assertThat(ReturnKind.of(Maybe.class)).isEqualTo(ReturnKind.MONO);
		assertThat(ReturnKind.of(Completable.class)).isEqualTo(ReturnKind.MONO);
		assertThat(ReturnKind.of(Flowable.class)).isEqualTo(ReturnKind.FLUX);
		assertThat(ReturnKind.of(Observable.class)).isEqualTo(ReturnKind.FLUX);
	}

	@Test
	void reactorTypesEndWhenTheyTerminateOtherPublishersCannotBeWrapped() {
		assertThat(ReturnKind.of(Mono.class)).isEqualTo(ReturnKind.MONO);
		assertThat(ReturnKind.of(Flux.class)).isEqualTo(ReturnKind.FLUX);
		assertThat(ReturnKind.of(Publisher.class)).isEqualTo(ReturnKind.FLUX);
		assertThat(ReturnKind.of(OwnPublisher.class)).isEqualTo(ReturnKind.UNOBSERVED);
		assertThat(ReturnKind.of(Future.class)).isEqualTo(ReturnKind.UNOBSERVED);
	}

	static class OwnFuture<T> extends CompletableFuture<T> {

	}

	static class OwnPublisher implements Publisher<String> {

		@Override
		public void subscribe(Subscriber<? super String> subscriber) {
		}

	}

}
