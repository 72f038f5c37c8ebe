"""Staff and publishing commands: check, tahun-baru, ringkasan, terbitkan."""
