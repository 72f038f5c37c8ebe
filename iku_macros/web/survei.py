"""The survey answer files (``ikm/<nama>.csv``) a survey names as its ``berkas_responden``,
published as downloads so that anyone can recount the IKM from the raw answers.

Read with the data folder's safe reader (a regular file inside the folder, no symlink followed,
size bounded as when the survey was loaded), byte for byte as committed. No MkDocs import.
"""

from __future__ import annotations

from iku_macros.data.ikm_csv import MAX_CSV_BYTES
from iku_macros.data.loading import Dataset
from iku_macros.data.safe_files import read_data_bytes

SURVEI_FOLDER = "unduh/survei"
"""Where the answer files are published (site path)."""

IKM_FOLDER = "ikm"
"""Where a survey's answer file lies in the data folder: beside its YAML (``ikm/<nama>.csv``,
see :mod:`iku_macros.data.layout`)."""


def survey_url(nama: str) -> str:
    """Site path of an answer file. Its name matches ``[a-z0-9][a-z0-9_-]*.csv`` (the layout
    refuses any other), so it is safe in a URL as it is."""
    return f"{SURVEI_FOLDER}/{nama}"


def survey_files(dataset: Dataset) -> dict[str, bytes]:
    """Site path -> content of every answer file the dataset's surveys name."""
    files: dict[str, bytes] = {}
    for survei in dataset.ikm.values():
        nama = survei.survei.berkas_responden
        if nama is None:
            continue
        path = dataset.root / IKM_FOLDER / nama
        files[survey_url(nama)] = read_data_bytes(path, dataset.root, max_bytes=MAX_CSV_BYTES)
    return files
