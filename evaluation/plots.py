"""The intent confusion matrix as a PNG (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from evaluation.nlu import NluResult  # noqa: E402


def save_confusion_matrix(result: NluResult, path: Path) -> Path:
    """Draw gold intents (rows) against predicted intents (columns), counts in the cells."""
    labels, matrix = result.matrix_labels, result.matrix
    size = max(6.0, 0.42 * len(labels) + 2.5)
    figure, axes = plt.subplots(figsize=(size, size))
    image = axes.imshow(matrix, cmap="Blues")
    axes.set_xticks(range(len(labels)), labels=labels, rotation=70, ha="right", fontsize=8)
    axes.set_yticks(range(len(labels)), labels=labels[: len(matrix)], fontsize=8)
    axes.set_xlabel("predicted intent")
    axes.set_ylabel("gold intent")
    axes.set_title(
        f"{result.model}: macro F1 {result.macro_f1:.3f}, "
        f"OOS recall {result.oos_recall:.2f} ({len(result.parses)} turns)",
        fontsize=10,
    )
    top = max((max(row) for row in matrix), default=0)
    for row, counts in enumerate(matrix):
        for column, count in enumerate(counts):
            if count:
                colour = "white" if count > top / 2 else ("firebrick" if row != column else "black")
                axes.text(
                    column, row, str(count), ha="center", va="center", fontsize=7, color=colour
                )
    figure.colorbar(image, ax=axes, fraction=0.03)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path
