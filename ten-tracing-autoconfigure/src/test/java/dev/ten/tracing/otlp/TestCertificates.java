package dev.ten.tracing.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made with the JDK's keytool for a test: one for the receiver ({@code localhost} and
 * {@code 127.0.0.1}) with a trust store that trusts it, and one for a client with a trust store that trusts
 * it, for mutual TLS. All PKCS12.
 *
 * @param keyStore the receiver's key and certificate
 * @param trustStore the receiver's certificate alone, for the client to trust it
 * @param clientKeyStore the client's key and certificate
 * @param clientTrustStore the client's certificate alone, for the receiver to trust it
 * @param password the password of every store
 */
public record TestCertificates(Path keyStore, Path trustStore, Path clientKeyStore, Path clientTrustStore,
		String password) {

	/**
	 * Makes a certificate in a directory.
	 * @param directory where the stores go
	 * @return the stores
	 * @throws IOException if keytool fails
	 */
	public static TestCertificates create(Path directory) throws IOException {
		String password = "changeit";
		Path keyStore = directory.resolve("collector.p12");
		Path certificate = directory.resolve("collector.pem");
		Path trustStore = directory.resolve("trust.p12");
		keytool("-genkeypair", "-alias", "collector", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3",
				"-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
				"-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
		keytool("-exportcert", "-alias", "collector", "-keystore", keyStore.toString(), "-storepass", password, "-rfc",
				"-file", certificate.toString());
		keytool("-importcert", "-noprompt", "-alias", "collector", "-file", certificate.toString(), "-storetype",
				"PKCS12", "-keystore", trustStore.toString(), "-storepass", password);
		Path clientKeyStore = directory.resolve("agent.p12");
		Path clientCertificate = directory.resolve("agent.pem");
		Path clientTrustStore = directory.resolve("agent-trust.p12");
		keytool("-genkeypair", "-alias", "agent", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3", "-dname",
				"CN=voice-agent", "-storetype", "PKCS12", "-keystore", clientKeyStore.toString(), "-storepass", password,
				"-keypass", password);
		keytool("-exportcert", "-alias", "agent", "-keystore", clientKeyStore.toString(), "-storepass", password,
				"-rfc", "-file", clientCertificate.toString());
		keytool("-importcert", "-noprompt", "-alias", "agent", "-file", clientCertificate.toString(), "-storetype",
				"PKCS12", "-keystore", clientTrustStore.toString(), "-storepass", password);
		return new TestCertificates(keyStore, trustStore, clientKeyStore, clientTrustStore, password);
	}

	/**
	 * Returns trust managers that trust the client's certificate only.
	 * @return the trust manager factory
	 */
	public TrustManagerFactory clientTrustManagers() {
		try (InputStream in = Files.newInputStream(this.clientTrustStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, this.password.toCharArray());
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			return factory;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns key managers that present the certificate.
	 * @return the key manager factory
	 */
	public KeyManagerFactory keyManagers() {
		try (InputStream in = Files.newInputStream(this.keyStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, this.password.toCharArray());
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(store, this.password.toCharArray());
			return factory;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void keytool(String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("keytool " + arguments[0] + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

}
