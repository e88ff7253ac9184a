"""notebooks/tour.ipynb runs from top to bottom, offline, and shows what it promises."""

from __future__ import annotations

from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "tour.ipynb"


def test_the_tour_notebook_runs():
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", out
            outputs.append(out.get("text", "") + str(out.get("data", {})))
    text = "\n".join(outputs)
    assert "ОДКБ" in text and "Россия" in text
    assert "Нурлан Ермекбаев" in text and "«" in text  # the path with its sentences
    assert "<iframe srcdoc=" in text and "vis.Network" in text  # the picture, inlined
