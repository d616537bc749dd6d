package dev.caig.runtime.stage;

import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.Provenance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store that hands every call to another: tests override the one call they break. */
class ForwardingStore implements ArtifactStore {
    final ArtifactStore delegate;

    ForwardingStore(ArtifactStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public ArtifactManifest publish(Path localDir, ArtifactUri uri, String kind, String producer, Map<String, ?> config,
                                    Map<String, ? extends Number> metrics, Provenance provenance) {
        return delegate.publish(localDir, uri, kind, producer, config, metrics, provenance);
    }

    @Override
    public ArtifactManifest fetch(ArtifactUri uri, Path localDir, java.util.function.Predicate<String> files) {
        return delegate.fetch(uri, localDir, files);
    }

    @Override
    public Optional<ArtifactManifest> manifest(ArtifactUri uri) {
        return delegate.manifest(uri);
    }

    @Override
    public void putText(ArtifactUri fileUri, String text) {
        delegate.putText(fileUri, text);
    }

    @Override
    public Optional<String> getText(ArtifactUri fileUri) {
        return delegate.getText(fileUri);
    }

    @Override
    public boolean download(ArtifactUri fileUri, Path target) {
        return delegate.download(fileUri, target);
    }

    @Override
    public void upload(Path source, ArtifactUri fileUri) {
        delegate.upload(source, fileUri);
    }

    @Override
    public void delete(ArtifactUri uri) {
        delegate.delete(uri);
    }

    @Override
    public List<String> list(ArtifactUri prefix) {
        return delegate.list(prefix);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
