package dev.cowscope.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.CowFormatException;
import org.junit.jupiter.api.Test;

/** Error dialogs show a stack trace only for a bug, never for bad input. */
class FxDialogServiceTest {
    @Test
    void badInputIsNotAnInternalError() {
        assertThat(FxDialogService.isInternal(new CowFormatException(CowFormatException.Kind.NOT_A_COW, 0, "not a COW"))).isFalse();
        assertThat(FxDialogService.isInternal(new java.nio.file.NoSuchFileException("x"))).isFalse();
        assertThat(FxDialogService.isInternal(new IllegalArgumentException("--lbs: 2G"))).isFalse();
        assertThat(FxDialogService.isInternal(new java.util.concurrent.CancellationException())).isFalse();
        assertThat(FxDialogService.isInternal(null)).isFalse();
    }

    @Test
    void anUnexpectedThrowableIs() {
        assertThat(FxDialogService.isInternal(new ArithmeticException("long overflow"))).isTrue();
        assertThat(FxDialogService.isInternal(new NullPointerException())).isTrue();
        assertThat(FxDialogService.isInternal(new OutOfMemoryError())).isTrue();
    }
}
