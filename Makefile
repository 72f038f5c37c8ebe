# Satu pintu masuk untuk semua pekerjaan. Setiap target membuat .venv dari pin sendiri.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= data
HOST   ?= 127.0.0.1:8000
STAMP  := $(VENV)/.terpasang
# Material mencetak pemberitahuan akhir masa dukungan di setiap build; sudah dicatat di README.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site check test lint zizmor demo demo-site schema clean browser publish lock

# Pemasangan hanya dari kunci ber-hash (--require-hashes): pip dan setuptools lebih dulu
# (requirements-pip.txt), lalu seluruh dependensi (requirements-dev.txt, yang memuat juga semua
# isi requirements.txt), lalu paket ini sendiri tanpa isolasi build (setuptools yang terkunci,
# tidak ada unduhan tanpa hash). Kunci dibuat ulang dengan `make lock`.
$(STAMP): requirements-pip.txt requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-pip.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

## serve: bangun dan sajikan situs di http://127.0.0.1:8000
serve: $(STAMP)
	IKU_DATA=$(DATA) $(BIN)/python -m mkdocs serve --strict -a $(HOST)

## site: bangun situs ke folder site/
site: $(STAMP)
	IKU_DATA=$(DATA) $(BIN)/python -m mkdocs build --strict

## check: periksa data/ dan data_contoh/
check: $(STAMP)
	$(BIN)/python -m iku_macros check data
	$(BIN)/python -m iku_macros check data_contoh

## demo: bangun dan sajikan situs dari data contoh (fiktif)
demo:
	$(MAKE) serve DATA=data_contoh

demo-site:
	$(MAKE) site DATA=data_contoh

## publish: terbitkan TAHUN sebagai versi beku ke cabang lokal gh-pages (PAKSA=1 untuk revisi)
publish: $(STAMP)
	@test -n "$(TAHUN)" || { echo "Sebutkan tahunnya: make publish TAHUN=2023" >&2; exit 2; }
	$(BIN)/python -m iku_macros terbitkan $(TAHUN) --data $(DATA) $(if $(PAKSA),--paksa,)

## schema: tulis ulang skema JSON dari model
schema: $(STAMP)
	$(BIN)/python -m iku_macros skema

## lint: ruff dan kesesuaian skema
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## browser: Chromium dari paket Debian untuk uji peramban (unduhan peramban Playwright tidak dipakai)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else echo "Pasang Chromium lebih dulu: sudo apt-get install chromium" >&2; exit 1; fi; }

## tangkapan: tangkapan layar setiap jenis halaman situs demo dan data/ (360 dan 1280 px, terang dan
##   gelap) ke tangkapan/ (tidak di-commit); situs dibangun sendiri dengan mkdocs build --strict
.PHONY: tangkapan
tangkapan: $(STAMP) browser
	$(BIN)/python -m tests.tangkapan --keluar tangkapan

## zizmor: audit keamanan workflow GitHub Actions dan Dependabot (luring; harus tanpa temuan)
zizmor: $(STAMP)
	$(BIN)/zizmor --offline --no-progress .github/workflows .github/dependabot.yml

## test: seluruh pemeriksaan dan pengujian
# worksteal: pekerja xdist yang lebih dulu selesai mengambil pengujian yang masih antre di pekerja
# lain, sehingga pengujian yang lama tidak membuat satu pekerja menganggur di akhir.
test: lint zizmor browser
	$(BIN)/python -m pytest -n 2 --dist worksteal -q

clean:
	rm -rf site .pytest_cache .ruff_cache

# --- alur kerja operator (lihat docs/panduan.md dan CONTRIBUTING.md) -------------------------
.PHONY: venv pre-commit workflows tahun-baru dokumen-baru migrasi ringkasan

## venv: buat .venv dari pin saja (dipakai CI sebelum menjalankan perintah lain)
venv: $(STAMP)

## pre-commit: pasang hook git (yamllint, check data, ruff) di klon ini
pre-commit: $(STAMP)
	$(BIN)/pre-commit install

## workflows: periksa .github/workflows/*.yml terhadap skema GitHub Actions (luring)
workflows: $(STAMP)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

## tahun-baru: buat $(DATA)/realisasi/TAHUN.yaml dengan nilai kosong (make tahun-baru TAHUN=2024)
tahun-baru: $(STAMP)
	@test -n "$(TAHUN)" || { echo "Sebutkan tahunnya: make tahun-baru TAHUN=2024" >&2; exit 2; }
	$(BIN)/python -m iku_macros tahun-baru $(TAHUN) --data $(DATA)

## dokumen-baru: dokumen IKU baru dari dokumen sebelumnya (make dokumen-baru AWAL=2025 AKHIR=2029;
##   perubahan: PERUBAHAN=1 BERLAKU=<tahun pertama target barunya>)
dokumen-baru: $(STAMP)
	@test -n "$(AWAL)" -a -n "$(AKHIR)" || { echo "Sebutkan periodenya: make dokumen-baru AWAL=2025 AKHIR=2029 [PERUBAHAN=1 BERLAKU=2027]" >&2; exit 2; }
	$(BIN)/python -m iku_macros dokumen-baru $(AWAL) $(AKHIR) --data $(DATA) $(if $(PERUBAHAN),--perubahan,) $(if $(BERLAKU),--berlaku-mulai $(BERLAKU),)

## migrasi: pindahkan $(DATA) format lama (satu dokumen) ke $(DATA)/dokumen/<id>/, angka tetap sama
migrasi: $(STAMP)
	$(BIN)/python -m iku_macros migrasi $(DATA)

## lock: buat ulang kunci ber-hash dari requirements*.in, hanya dari PyPI (UPGRADE=1: naikkan versi)
# Konfigurasi pip mesin (find-links, indeks lokal) diabaikan agar hash yang tercatat hanya milik
# berkas di PyPI. Urutan penting: requirements-dev.in dibatasi oleh dua kunci sebelumnya.
PIP_COMPILE = env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	PIP_INDEX_URL=https://pypi.org/simple $(BIN)/pip-compile --quiet --allow-unsafe \
	--generate-hashes --strip-extras $(if $(UPGRADE),--upgrade,)
lock: $(STAMP)
	$(PIP_COMPILE) --output-file=requirements-pip.txt requirements-pip.in
	$(PIP_COMPILE) --output-file=requirements.txt requirements.in
	$(PIP_COMPILE) --output-file=requirements-dev.txt requirements-dev.in

## ringkasan: perubahan angka terbitan dibanding BASE (bawaan origin/main), termasuk yang belum di-commit
ringkasan: $(STAMP)
	$(BIN)/python -m iku_macros ringkasan $(or $(BASE),origin/main) --data $(DATA)

## bench: uji kinerja skala kabupaten dari data sintetis (N=1000 indikator bawaan; mis. make bench
##   N=250): build situs ini dibanding MkDocs + Material polos, riwayat 200 commit, ukuran halaman
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python -m bench --n $(or $(N),1000)
