"""Regenerate the bundled sample workbook from the data below.

The sample ``input/contoh_kedungjajang_tw2_2023.xlsx`` holds the Triwulan II 2023
individual performance reports of seven units of Kecamatan Kedungjajang, Kabupaten
Lumajang (source: ``laporan_kinerja_individu_tw2_2023_kedungjajang.txt``), written as
a standard workbook (WORKBOOK.md section 1). Every figure is transcribed exactly as the
office typed it, slips included: never fix a figure here, the processor is meant to
find them. Only obvious OCR splits in the prose ("wilayahkecamatan") are repaired.

Value forms matter: a Python ``str`` becomes a text cell ("58,60%", "Rp. 10.350.000"),
``Num``/``pct`` a numeric cell with its display format, an ``int`` a plain number.

Usage (from the repository root)::

    python3 scripts/buat_contoh.py [OUTPUT.xlsx]

Without an argument the sample is written to ``input/contoh_kedungjajang_tw2_2023.xlsx``.
"""

from __future__ import annotations

import datetime
import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from kinerja_xlsx.authoring import Num, UnitSheet, pct, write_workbook  # noqa: E402

DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "input", "contoh_kedungjajang_tw2_2023.xlsx")

TANGGAPAN = "Laporan sudah baik"


def lines(*items: str) -> str:
    """A multi-line header value: one item per line."""
    return "\n".join(items)


INFO = {
    "Pemerintah": "Pemerintah Kabupaten Lumajang",
    "Instansi": "Kecamatan Kedungjajang",
    "Tahun": 2023,
    "Triwulan": "II",
    "Tempat": "Kedungjajang",
    "Tanggal Laporan": datetime.date(2023, 7, 14),
}

# Lists shared word for word by several reports.
FAKTOR_SEKRETARIAT = lines(
    "Kurang memahaminya aparatur Pemerintah Kecamatan terhadap sistematika penyusunan "
    "yang sesuai dengan ketentuan;",
    "Kurangnya koordinasi aparatur Pemerintah Kecamatan dengan OPD Kabupaten yang menangani;",
    "Kurangnya koordinasi internal aparatur Kecamatan Kedungjajang.",
)
RTL_SEKRETARIAT = lines(
    "Membangun komitmen aparatur pemerintahan kecamatan dalam melaksanakan tugas dan "
    "fungsi masing - masing;",
    "Adanya evaluasi berkelanjutan dalam setiap pelaksanaan kegiatan sekretariat;",
    "Membudayakan tertib administrasi sebagai bentuk akuntabilitas kinerja;",
    "Melakukan koordinasi aktif dengan OPD Kabupaten yang menangani sistematika "
    "penyusunan laporan.",
)
RTL_SEKSI = lines(
    "Membangun komitmen aparatur pemerintahan kecamatan dalam melaksanakan tugas dan "
    "fungsi masing - masing;",
    "Adanya evaluasi berkelanjutan dalam setiap pelaksanaan kegiatan seksi;",
    "Membudayakan tertib administrasi sebagai bentuk akuntabilitas kinerja;",
    "Meningkatkan pemahaman tentang peraturan yang berhubungan dengan tugas seksi.",
)
FAKTOR_PELAYANAN = lines(
    "Komitmen Camat dalam meningkatkan kualitas pelayanan kepada masyarakat;",
    "Dukungan Camat terhadap pelaksanaan kegiatan pelayanan administrasi kependudukan "
    "di Kecamatan;",
    "Terdapat koordinasi yang baik antar aparatur pemerintahan kecamatan dengan aparatur "
    "pemerintahan desa dalam meningkatkan pelayanan terhadap masyarakat;",
    "Adanya komitmen dan koordinasi Kepala Seksi dengan jajarannya dalam pencapaian "
    "keberhasilan pelaksanaan kegiatan Pelayanan Publik.",
)
RTL_PELAYANAN = lines(
    "Membangun komitmen aparatur pemerintahan kecamatan dalam melaksanakan tugas dan "
    "fungsi masing - masing;",
    "Adanya evaluasi berkelanjutan dalam setiap pelaksanaan kegiatan seksi;",
    "Membudayakan tertib administrasi sebagai bentuk akuntabilitas kinerja.",
    "Penyediaan sarana dan prasarana yang memadai.",
)


# --- Camat ------------------------------------------------------------------------

CAMAT = UnitSheet(
    sheet="Camat",
    header={
        "Jabatan": "Camat",
        "Nama": "AKHMAD FAISHOL, S.Sos",
        "NIP": "19671005 199003 1 009",
        "Atasan": None,
        "Tugas": "membantu Bupati dalam mengoordinasikan penyelenggaraan pemerintahan, "
        "pelayanan publik dan pemberdayaan masyarakat desa dan/atau kelurahan di wilayah "
        "kecamatan",
        "Fungsi": lines(
            "Menyelenggarakan urusan pemerintahan umum;",
            "Mengkoordinasikan kegiatan pemberdayaan masyarakat;",
            "Mengkoordinasikan upaya penyelenggaraan ketentraman dan ketertiban umum",
            "Mengkoordinasikan penerapan dan penegakan peraturan Daerah dan Peraturan Bupati",
            "Mengkoordinasikan pemeliharaan prasarana dan sarana pelayanan umum",
            "Mengkoordinasikan penyelenggaraan kegiatan pemerintahan yang dilakukan oleh "
            "perangkat daerah di tingkat kecamatan",
            "Melaksanakan pembinaan dan pengawasan penyelenggaraan kegiatan desa atau kelurahan",
            "Melaksanakan urusan pemerintahan yang menjadi kewenangan kabupaten yang tidak "
            "dilaksanakan oleh unit kerja pemerintah daerah kabupaten yang ada di kecamatan",
            "Melaksanakan sebagian kewenangan Bupati yang dilimpahkan",
            "Melaksanakan tugas lain yang diberikan oleh Bupati terkait dengan tugas dan "
            "fungsinya.",
        ),
        "Faktor": FAKTOR_SEKRETARIAT,
        "Rencana Tindak Lanjut": RTL_SEKRETARIAT,
        "Tanggapan Atasan": TANGGAPAN,
    },
    rows=[
        {
            "No": "1",
            "Sasaran": "Mengoptimalkan Fasilitasi dan Koordinasi Kecamatan",
            "Indikator Kinerja": "Persentase hasil fasilitasi dan koordinasi yang "
            "ditindaklanjuti",
            "Target": "85%",
            "Realisasi": "58,60%",
            "Capaian (%)": "69,94%",
            "Anggaran": "2.017.461.467",
            "Realisasi Anggaran": "971.800.593",
            "Serapan (%)": "49,89%",
            "Polaritas": "Positif",
            "Pembilang": 36,
            "Penyebut": 62,
        },
        {
            "No": "2",
            "Sasaran": "Mengoptimalkan Fasilitasi dan Koordinasi Kecamatan",
            "Indikator Kinerja": "Rata-rata Persentase desa yang menyusun dokumen "
            "administrasi pemerintahan desa tepat waktu",
            "Target": "83%",
            "Realisasi": "33%",
            "Capaian (%)": "39,76",
            "Anggaran": "304.300.000",
            "Realisasi Anggaran": "142.950.000",
            "Serapan (%)": "46,98%",
            "Polaritas": "Positif",
            "Pembilang": 12,
            "Penyebut": 36,
        },
    ],
)


# --- Sekretaris Kecamatan ---------------------------------------------------------

SEKCAM = UnitSheet(
    sheet="Sekcam",
    header={
        "Jabatan": "Sekretaris Kecamatan",
        "Nama": "BAMBANG YULIANTO, SP",
        "NIP": "19700714 199403 1 004",
        "Atasan": "Camat",
        "Tugas": "membantu Camat dalam melaksanakan koordinasi perencanaan evaluasi dan "
        "pelaporan kecamatan, pengelolaan urusan kepegawaian, urusan umum yang meliputi "
        "kegiatan surat menyurat, pengadaan, perlengkapan, hubungan masyarakat dan urusan "
        "keuangan dan melaksanakan tugas - tugas lain sesuai dengan bidang tugasnya yang "
        "diberikan oleh Camat",
        "Fungsi": lines(
            "Menyusun rencana program kerja sekretariat kecamatan;",
            "Menghimpun rencana kegiatan seksi - seksi sebagai bahan rencana kegiatan "
            "kecamatan;",
            "Pelaksanaan koordinasi rencana operasional kegiatan kecamatan;",
            "Pelaksanaan urusan umum, kepegawaian, keuangan, perlengkapan dan keprotokolan;",
            "Pengkoordinasian penerapan ketatausahaan, administrasi keuangan dan kehumasan;",
            "Penyajian informasi dan hubungan masyarakat;",
            "Pelaksanaan monitoring dan evaluasi kegiatan kesekretariatan;",
            "Pemberian saran dan pertimbangan kepada Camat;",
            "Pelaksanaan fungsi lain yang diberikan Camat",
        ),
        "Faktor": FAKTOR_SEKRETARIAT,
        "Rencana Tindak Lanjut": RTL_SEKRETARIAT,
        "Tanggapan Atasan": TANGGAPAN,
    },
    rows=[
        {
            "No": "1",
            "Sasaran": "Terselenggaranya fasilitasi kebutuhan operasional kantor",
            "Indikator Kinerja": "Persentase pemenuhan fasilitasi kebutuhan operasional "
            "perkantoran",
            "Target": pct(1.0, "0%"),
            "Realisasi": pct(0.7302, "0.00%"),
            "Capaian (%)": "73,02%",
            "Anggaran": Num(1836648667, "#,##0"),
            "Realisasi Anggaran": Num(937158093, "#,##0"),
            "Serapan (%)": "53%",
            "Induk": 1,
        },
    ],
)


# --- Kepala Seksi Pemberdayaan Masyarakat dan Desa --------------------------------

KASI_PMD = UnitSheet(
    sheet="Kasi PMD",
    header={
        "Jabatan": "Kepala Seksi Pemberdayaan Masyarakat dan Desa",
        "Nama": "RICKO DHARMA PUTRA, S.STP",
        "NIP": "19910128 201507 1 001",
        "Atasan": "Camat",
        "Tugas": "membantu Camat dalam menyiapkan bahan perumusan kebijakan, pelaksanaan, "
        "evaluasi dan pelaporan urusan Pemberdayaan Masyarakat dan Desa",
        "Fungsi": lines(
            "Menyusun rencana kegiatan Seksi Pemberdayaan Masyarakat yang selaras dengan "
            "rencana strategis dan rencana kerja kecamatan;",
            "Melaksanakan penyiapan bahan perumusan kebijakan di seksi pemberdayaan "
            "masyarakat;",
            "Mengoordinasikan partisipasi masyarakat dalam forum musyawarah perencanaan "
            "pembangunan di desa/kelurahan dan kecamatan;",
            "Mengoordinasikan penyiapan bahan dan penyelenggaraan musyawarah rencana "
            "pembangunan tingkat kecamatan;",
            "Melakukan sinkronisasi program kerja dan kegiatan pemberdayaan masyarakat yang "
            "dilakukan oleh pemerintah, swasta dan desa /kelurahan di wilayah kecamatan;",
            "Meningkatkan efektifitas pelaksanaan kegiatan pemberdayaan masyarakat dan "
            "pembangunan di wilayah kecamatan;",
            "Melaksanakan Fasilitasi sinkronisasi perencanaan pembangunan daerah dengan "
            "pembangunan desa;",
            "Melaksanakan fasilitasi penetapan lokasi pembangunan kawasan pedesaan;",
            "Melaksanakan fasilitasi pelaksanaan tugas, fungsi dan kewajiban dan pembinaan "
            "lembaga kemasyarakatan desa/kelurahan;",
            "Melaksanakan fasilitasi penyusunan perencanaan pembangunan partisipatif;",
            "Melaksanakan fasilitasi penyusunan program dan pelaksanaan pemberdayaan "
            "masyarakat desa;",
            "Melaksanakan koordinasi pelaksanaan pembangunan kawasan pedesaan di wilayahnya;",
            "Menghimpun dan pengolahan data perekonomian dan pembangunan;",
            "Melaksanakan evaluasi dan pelaporan pelaksanaan tugas dan program kerja seksi "
            "pemberdayaan masyarakat;",
            "Memberikan saran dan pertimbangan kepada Camat",
            "Melaksanakan tugas - tugas lain yang diberikan oleh Camat.",
        ),
        "Faktor": lines(
            "Dukungan Kepala OPD terhadap pelaksanaan kegiatan pemberdayaan masyarakat di "
            "Kecamatan;",
            "Terdapat koordinasi yang baik antar aparatur pemerintahan kecamatan dengan "
            "aparatur pemerintahan desa;",
            "Adanya komitmen dan koordinasi Kepala Seksi dengan jajarannya dalam pencapaian "
            "keberhasilan pelaksanaan kegiatan pemberdayaan masyarakat;",
        ),
        "Rencana Tindak Lanjut": RTL_SEKSI,
        "Tanggapan Atasan": TANGGAPAN,
    },
    rows=[
        {
            "No": "1",
            "Sasaran": "Meningkatnya Jumlah Lembaga Kemasyarakatan yang Berpartisipasi "
            "dalam Forum Musyawarah Perencanaan Pembangunan di Desa",
            "Indikator Kinerja": "Jumlah Lembaga Kemasyarakatan yang Berpartisipasi dalam "
            "Forum Musyawarah Perencanaan Pembangunan di Desa",
            "Target": "10 Lembaga Kemasyarakatan",
            "Realisasi": "8 Lembaga Kemasyarakatan",
            "Capaian (%)": "80%",
            "Anggaran": "8.505.000",
            "Realisasi Anggaran": "4.205.000",
            "Serapan (%)": "49%",
            "Keterangan": "Lembaga masyarakat yang tidak hadir adalah dari kelompok "
            "penyandang disabilitas dan pelajar",
            "Induk": 1,
        },
        {
            "No": "2",
            "Sasaran": "Tersusunnya Laporan Peningkatan Efektivitas Kegiatan Pemberdayaan "
            "Masyarakat di Wilayah Kecamatan",
            "Indikator Kinerja": "Jumlah Laporan Peningkatan Efektivitas Kegiatan "
            "Pemberdayaan Masyarakat di Wilayah Kecamatan",
            "Target": "8 Laporan",
            "Realisasi": "2 Laporan",
            "Capaian (%)": "25%",
            "Anggaran": "146.807.800",
            "Realisasi Anggaran": "23.650.000",
            "Serapan (%)": "16,11 %",
            "Keterangan": "2 laporan yang telah tersusun yaitu Pembinaan Posyandu "
            "Gerbangmas Siaga dan Lumajang mbiyen",
            "Induk": 1,
        },
        {
            "No": "3",
            "Sasaran": "Meningkatnya Mutu Keluarga yang Mengikuti Peningkatan Ketahanan "
            "Pangan Keluarga",
            "Indikator Kinerja": "Jumlah Keluarga yang Mengikuti Peningkatan Ketahanan "
            "Pangan Keluarga",
            "Target": "15 Keluarga",
            "Realisasi": "3 keluarga",
            "Capaian (%)": "33%",
            "Anggaran": "8.250.000",
            "Realisasi Anggaran": "2.925.000",
            "Serapan (%)": "35,45 %",
            "Induk": 1,
        },
        {
            "No": "4",
            "Sasaran": "Meningkatnya Kualitas Keluarga yang Mengikuti Pelatihan Keluarga "
            "Tanggap Bencana Alam",
            "Indikator Kinerja": "Jumlah Keluarga yang Mengikuti Pelatihan Keluarga Tanggap "
            "Bencana Alam",
            "Target": "105 Keluarga",
            "Realisasi": "0 keluarga",
            "Capaian (%)": "0%",
            "Anggaran": "6.900.000",
            "Realisasi Anggaran": "0",
            "Serapan (%)": "0%",
            "Keterangan": "-",
            "Induk": 1,
        },
    ],
)


# --- Kepala Seksi Pemerintahan ----------------------------------------------------

KASI_PEMERINTAHAN = UnitSheet(
    sheet="Kasi Pemerintahan",
    header={
        "Jabatan": "Kepala Seksi Pemerintahan",
        "Nama": "SAHRIADI",
        "NIP": "19670813 198703 1 008",
        "Atasan": "Camat",
        "Tugas": "membantu Camat dalam menyiapkan bahan perumusan kebijakan, pelaksanaan, "
        "evaluasi dan pelaporan urusan Tata Pemerintahan",
        "Fungsi": lines(
            "Menyusun rencana kegiatan kerja Seksi Pemerintahan yang selaras dengan rencana "
            "strategis dan rencana kerja kecamatan;",
            "Melaksanakan penyiapan bahan perumusan kebijakan di bidang pemerintahan;",
            "Melaksanakan pembinaan wawasan kebangsaan , idiologi Negara dan kesatuan bangsa;",
            "Melaksanakan pembinaan kerukunan hidup bermasyarakat dengan melakukan "
            "harmonisasi hubungan dengan tokoh agama dan tokoh masyarakat;",
            "Melaksanakan pembinaan ketentraman dan ketertiban;",
            "Melaksanakan fasilitasi penanganan konflik social sesuai ketentuan peraturan "
            "perundang - undangan;",
            "Pengkoordinasian pelaksanaan tugas antar instansi pemerintahan yang ada di "
            "wilayah kecamatan sesuai dengan ketentuan peraturan perundang - undangan;",
            "Melaksanakan pengembangan kehidupan demokrasi berdasarkan Pancasila;",
            "Pengkoordinasian dan fasilitasi pembentukan forum komunikasi pimpinan di "
            "kecamatan;",
            "Melakukan penegakan dan pelaksanaan peraturan daerah dan peraturan kepala daerah "
            "serta peraturan perundang - undangan lainnya di wilayah kerjanya;",
            "Melaksanakan penyelenggaraan kegiatan pemerintahan di tingkat kecamatan;",
            "Melaksanakan evaluasi penyusunan peraturan desa dan peraturan kepala desa;",
            "Melaksanakan fasilitasi administrasi tata pemerintahan desa;",
            "Melaksanakan pembinaan dan pengawasan pengelolaan keuangan desa dan aset desa;",
            "Pembinaan dan pengawasan pelaksanaan tugas kepala desa dan perangkat desa;",
            "Melaksanakan fasilitasi pelaksanaan pemilihan kepala desa;",
            "Pembinaan dan pengawasan pelaksanaan tugas dan fungsi Badan Pemusyawaratan desa;",
            "Pemberian rekomendasi pengangkatan dan pemberhentian perangkat desa;",
            "Melaksanakan fasilitasi kerjasama antar desa dan kerja sama desa dengan pihak "
            "ke tiga;",
            "Melaksanakan fasilitasi penataan, pemanfaatan, dan pendayagunaan ruang desa "
            "serta penetapan dan penegasan batas desa;",
            "Pengkoordinasian pendampingan desa di Kecamatan;",
            "Melaksanakan evaluasi dan pelaporan pelaksanaan tugas dan program kerja seksi "
            "pemerintahan;",
            "Memberikan saran dan pertimbangan kepada Camat; dan",
            "Melaksanakan tugas-tugas lain yang diberikan oleh Camat",
        ),
        "Faktor": lines(
            "Dukungan Camat terhadap pelaksanaan kegiatan penyelenggaraan administrasi desa "
            "di Kecamatan",
            "Terdapat koordinasi yang baik antar aparatur pemerintahan kecamatan dengan "
            "aparatur pemerintahan desa mengenai pengelolaan keuangan desa;",
            "Adanya komitmen dan koordinasi Kepala Seksi dengan jajarannya dalam pencapaian "
            "keberhasilan penyelenggaraan administrasi desa",
        ),
        "Rencana Tindak Lanjut": RTL_SEKSI,
        "Tanggapan Atasan": TANGGAPAN,
    },
    rows=[
        {
            "No": "1",
            "Sasaran": "Meningkatnya Kualitas Dokumen yang Difasilitasi dalam rangka "
            "Penyusunan Peraturan Desa dan Peraturan Kepala Desa",
            "Indikator Kinerja": "Jumlah Dokumen yang Difasilitasi dalam rangka Penyusunan "
            "Peraturan Desa dan Peraturan Kepala Desa",
            "Target": "12 dok",
            "Realisasi": "6 dok",
            "Capaian (%)": "50%",
            "Anggaran": 2400000,
            "Realisasi Anggaran": 0,
            "Serapan (%)": "0%",
            "Induk": 2,
        },
        {
            "No": "2",
            "Sasaran": "Meningkatnya Kualitas Dokumen yang Difasilitasi dalam rangka "
            "Administrasi Tata Pemerintahan Desa",
            "Indikator Kinerja": "Jumlah Dokumen yang Difasilitasi dalam rangka "
            "Administrasi Tata Pemerintahan Desa",
            "Target": "12 dok",
            "Realisasi": "6 dok",
            "Capaian (%)": "50%",
            "Anggaran": 291900000,
            "Realisasi Anggaran": 142950000,
            "Serapan (%)": "48%",
            "Induk": 2,
        },
        {
            "No": "3",
            "Sasaran": "Meningkatnya Kualitas Dokumen Fasilitasi dalam rangka Pelaksanaan "
            "Pemilihan Kepala Desa",
            "Indikator Kinerja": "Jumlah Dokumen Fasilitasi dalam rangka Pelaksanaan "
            "Pemilihan Kepala Desa",
            "Target": "1 dok",
            "Realisasi": "0 dok",
            "Capaian (%)": "25%",
            "Anggaran": 10000000,
            "Realisasi Anggaran": 0,
            "Serapan (%)": "0%",
            "Keterangan": "Pilkades dilaksanakan pada TW III",
            "Induk": 2,
        },
    ],
)


# --- Kepala Seksi Pelayanan Umum --------------------------------------------------

KASI_PELAYANAN_UMUM = UnitSheet(
    sheet="Kasi Pelayanan Umum",
    header={
        "Jabatan": "Kepala Seksi Pelayanan Umum",
        "Nama": "TOSIN SUSWIYANTO",
        "NIP": "19670704 199403 1 015",
        "Atasan": "Camat",
        "Tugas": "membantu Camat dalam menyiapkan bahan perumusan kebijakan, pelaksanaan, "
        "evaluasi dan pelaporan urusan Pelayanan Umum",
        "Fungsi": lines(
            "Menyusun rencana kegiatan Seksi Pelayanan umum yang selaras dengan rencana "
            "strategis dan rencana kerja kecamatan;",
            "Melaksanakan penyiapan bahan perumusan kebijakan di bidang pelayanan umum;",
            "Mengoordinasikan pemberian legalisasi, rekomendasi dan perijinan sesuai "
            "prosedur tetap dan ketentuan yang berlaku;",
            "Melaksanakan sebagian Bupati yang dilimpahkan ke kecamatan;",
            "Melaksanakan perencanaan kegiatan pelayanan kepada masyarakat di kecamatan;",
            "Meningkatkan efektifitas pelaksanaan pelayanan kepada masyarakat di wilayah "
            "kecamatan;",
            "Melaksanakan pemeliharaan prasarana dan fasilitasi pelayanan umum yang "
            "melibatkan pihak swasta;",
            # The office ran two functions into its item h; kept as lettered.
            "Melaksanakan evaluasi dan pelaporan pelaksanaan tugas dan program kerja Seksi "
            "Pelayanan Umum; Memberikan saran dan pertimbangan kepada Camat dan;",
            "Melaksanakan tugas - tugas lain yang diberikan oleh Camat.",
        ),
        "Faktor": FAKTOR_PELAYANAN,
        "Rencana Tindak Lanjut": RTL_PELAYANAN,
        "Tanggapan Atasan": TANGGAPAN,
    },
    rows=[
        {
            "No": "1",
            "Sasaran": "Meningkatnya Mutu Laporan Pelaksanaan Kewenangan Lain yang "
            "Dilimpahkan",
            "Indikator Kinerja": "Jumlah Laporan Pelaksanaan Kewenangan Lain yang "
            "Dilimpahkan",
            "Target": "6 laporan",
            "Realisasi": "5 laporan",
            "Capaian (%)": "83.3 %",
            "Anggaran": "Rp. 10.350.000",
            "Realisasi Anggaran": "Rp. 3.262.500",
            "Serapan (%)": "37.3%",
            "Keterangan": "Kegiatan Sosialisasi Administrasi Kependudukan Tuntas di Desa dan "
            "perjalanan perihal Monitoring di Desa dan yang belum terlaksana Sosialisasi "
            "Produk Adminduk",
            "Induk": 1,
        },
    ],
)


# --- Kepala Sub Bagian Umum dan Kepegawaian ---------------------------------------


def _umum(no, sasaran, indikator, target, realisasi, capaian, anggaran, realisasi_anggaran,
          serapan):
    """One Kasubag Umum row; anggaran as numbers, '-' where the office wrote '-'."""
    row = {
        "No": no,
        "Sasaran": sasaran,
        "Indikator Kinerja": indikator,
        "Target": target,
        "Realisasi": realisasi,
        "Capaian (%)": capaian,
        "Anggaran": anggaran if anggaran == "-" else Num(anggaran, "#,##0"),
        "Realisasi Anggaran": (
            realisasi_anggaran if realisasi_anggaran == "-"
            else Num(realisasi_anggaran, "#,##0")
        ),
        "Serapan (%)": serapan if serapan in ("-", None) else pct(serapan, "0%"),
        "Induk": 1,
    }
    return {key: value for key, value in row.items() if value is not None}


KASUBAG_UMUM = UnitSheet(
    sheet="Kasubag Umum",
    header={
        "Jabatan": "Kepala Sub Bagian Umum dan Kepegawaian",
        "Nama": "SUDARMI, SAP",
        "NIP": "19750623 201001 2 001",
        "Atasan": "Sekcam",
        "Tugas": "membantu Sekretaris melaksanakan urusan umum, perlengkapan, kepegawaian, "
        "pelayanan administrasi dan rumah tangga kecamatan",
        "Fungsi": lines(
            "Menyusun rencana program kerja sub bagian umum dan kepegawaian;",
            "Melaksanakan Penyiapan bahan koordinasi dalam penyusunan rencana program dan "
            "kegiatan kecamatan;",
            "Menyusun perencanaan dan pengembangan kecamatan;",
            "Melaksanakan urusan rumah tangga, keamanan dan kebersihan Kecamatan;",
            "Melakukan pembangunan dan pemeliharaan sarana dan prasarana Kecamatan;",
            "Melakukan administrasi kepegawaian;",
            "Melakukan pengelolaan pengadaan dan inventarisasi barang milik daerah;",
            "Melakukan penyusunan Rencana Kebutuhan Barang Unit dan Rencana Pemeliharaan "
            "Barang unit;",
            "Melakukan administrasi barang milik daerah;",
            "Melaksanakan surat menyurat dan kearsipan;",
            "Melaksanakan urusan kerjasama, hubungan masyarakat dan keprotokolan;",
            "Melakukan telaahan dan penyiapan bahan penyusunan peraturan perundang undangan;",
            "Melaksanakan monitoring, evaluasi dan pelaporan program kegiatan sub bagian "
            "umum dan kepegawaian;",
            "Memberikan saran dan pertimbangan kepada Sekretaris Kecamatan;",
            "Melaksanakan tugas-tugas lain yang diberikan oleh Sekretaris Kecamatan.",
        ),
        "Faktor": FAKTOR_PELAYANAN,
        "Rencana Tindak Lanjut": RTL_PELAYANAN,
        "Tanggapan Atasan": TANGGAPAN,
    },
    rows=[
        _umum("1",
              "Tersedianya Jasa Pelayanan Umum Kantor Tepat waktu dan sesuai ketentuan "
              "Perangkat Daerah",
              "Jumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor yang Disediakan",
              "12 Laporan", "6 Laporan", 50, 189144000, 94314964, 0.50),
        _umum("2",
              "Tersedianya Gaji dan Tunjangan ASN Tepat waktu dan sesuai ketentuan",
              "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN",
              "13 Orang / Bulan", "13 Orang / Bulan", 100, 1372494346, 732640747, 0.53),
        _umum("3",
              "Tersedianya Komponen Instalasi Listrik/Penerangan Bangunan Kantor Sesuai "
              "ketentuan",
              "Jumlah Paket Komponen Instalasi Listrik/Penerangan Bangunan Kantor yang "
              "Disediakan",
              "2 paket", "2 paket", 100, 3546228, 3518700, 0.99),
        _umum("4",
              "Tersedianya Jasa Komunikasi, Sumber Daya Air dan Listrik Tepat waktu dan "
              "sesuai ketentuan",
              "Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik yang "
              "Disediakan",
              "12 laporan", "6 Laporan", 50, 42991346, 16856274, 0.39),
        _umum("5",
              "Meningkatnya Mutu Kebersihan dan Keindahan kantor",
              "Jumlah ruang dan halaman kantor yang dipastikan rapi dan bersih mulai jam "
              "06.00 sampai 16.00 WIB",
              "4 gedung dan 1 halaman", "4 gedung dan 1 halaman", 100, "-", "-", "-"),
        _umum("6",
              "Tersusunnya laporan fasilitasi kunjungan tamu tepat waktu",
              "Jumlah laporan fasilitasi kunjungan tamu",
              "12 laporan", "6 Laporan", 50, 2700000, 380000, 0.14),
        _umum("7",
              "Terlaksananya Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD sesuai "
              "ketentuan",
              "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
              "3 laporan", "3 laporan", 100, 33896000, 13830000, 0.41),
        _umum("8",
              "Tersedianya Bahan Logistik Kantor Tepat waktu dan sesuai ketentuan",
              "Jumlah Paket Bahan Logistik Kantor yang Disediakan",
              "3 paket", "3 paket", 100, 32458697, 30131328, 0.93),
        _umum("9",
              "Tersedianya Barang Cetakan dan Penggandaan sesuai ketentuan",
              "Jumlah Paket Barang Cetakan dan Penggandaan yang Disediakan",
              "2 Paket", "2 Paket", 100, 7958450, 5075050, 0.64),
        _umum("10",
              "Terlaksananya Rekonsiliasi dan Penyusunan Laporan Barang Milik Daerah pada "
              "SKPD tepat waktu dan sesuai ketentuan",
              "Jumlah Laporan Rekonsiliasi dan Penyusunan Laporan Barang Milik Daerah pada "
              "SKPD",
              "12 Laporan", "6 Laporan", 50, "-", "-", None),
        _umum("11",
              "Terlaksananya Penatausahaan Barang Milik Daerah pada SKPD tepat waktu dan "
              "sesuai ketentuan",
              "Jumlah Laporan Penatausahaan Barang Milik Daerah pada SKPD",
              "12 Laporan", "6 Laporan", 50, 2000000, 650000, 0.33),
    ],
)


# --- Kepala Sub Bagian Keuangan ---------------------------------------------------

KASUBAG_KEUANGAN = UnitSheet(
    sheet="Kasubag Keuangan",
    header={
        "Jabatan": "Kepala Sub Bagian Keuangan",
        "Nama": "HARI SUBAGIO",
        "NIP": "19650727 198903 1 008",
        "Atasan": "Sekcam",
        "Tugas": "membantu Sekretaris melaksanakan usulan keuangan dan melaksanakan "
        "penatausahaan administrasi keuangan kecamatan",
        "Fungsi": lines(
            "Menyusun rencana program kerja sub bagian keuangan",
            "Melaksanakan penyiapan bahan perumusan kebijakan Sub Bagian Keuangan",
            "Melakukan penyiapan bahan koordinasi dalam penyusunan perencanaan dan "
            "penganggaran;",
            "Menyusun laporan perencanaan dan kinerja (rencana strategis/renstra, rencana "
            "kerja/renja, laporan akuntabilitas kinerja instansi /LAKIP, pengukuran indeks "
            "kepuasan masyarakat;",
            "Melakukan pengelolaan administrasi keuangan;",
            "Penyiapan pertanggungjawaban keuangan;",
            "Melakukan penyusunan laporan keuangan;",
            "Melakukan penyiapan bahan pemantauan tindak lanjut laporan hasil pengawasan dan "
            "penyelesaian perbendaharaan dan ganti rugi;",
            "Melaksanakan monitoring, evaluasi dan pelaporan program kegiatan Sub Bagian "
            "Keuangan;",
            "Memberikan saran dan pertimbangan kepada Sekretaris;",
            "Melaksanakan tugas - tugas lain yang diberikan oleh sekretaris",
        ),
        "Faktor": lines(
            "Dukungan Camat terhadap pelaksanaan kegiatan bidang keuangan di Kecamatan",
            "Terdapat koordinasi yang baik antar aparatur pemerintahan kecamatan bagian "
            "Keuangan;",
            "Adanya komitmen dan koordinasi Kepala sub bagian keuangan dengan jajarannya "
            "dalam pencapaian keberhasilan pelaksanaan kegiatan bidang keuangan;",
        ),
        "Rencana Tindak Lanjut": lines(
            "Membangun komitmen aparatur pemerintahan kecamatan dalam melaksanakan tugas dan "
            "fungsi masing - masing;",
            "Adanya evaluasi berkelanjutan dalam setiap pelaksanaan kegiatan seksi;",
            "Membudayakan tertib administrasi sebagai bentuk akuntabilitas kinerja.",
        ),
        "Tanggapan Atasan": TANGGAPAN,
    },
    rows=[
        {
            "No": "1",
            "Sasaran": "Tersusunnya Dokumen RKA-SKPD dan Laporan Hasil Koordinasi "
            "Penyusunan Dokumen RKA-SKPD tepat waktu",
            "Indikator Kinerja": "Jumlah dokumen RKA-SKPD dan laporan hasil koordinasi "
            "Penyusunan Dokumen RKA-SKPD",
            "Target": "1 dokumen",
            "Realisasi": "0",
            "Capaian (%)": "0%",
            "Anggaran": "1.500.000",
            "Realisasi Anggaran": "150.000",
            "Serapan (%)": "10%",
            "Keterangan": "Penyusunan RKA pada TW IV",
            "Induk": 1,
        },
        {
            "No": "2",
            "Sasaran": "Tersusunnya Dokumen Laporan Keuangan Akhir Tahun SKPD dan Laporan "
            "Hasil Koordinasi Penyusunan Laporan Keuangan Akhir Tahun SKPD Tepat waktu",
            "Indikator Kinerja": "Jumlah Laporan Keuangan Akhir Tahun SKPD dan Laporan Hasil "
            "Koordinasi Penyusunan Laporan Keuangan Akhir Tahun SKPD",
            "Target": "5 Laporan",
            "Realisasi": "3 Laporan",
            "Capaian (%)": "60%",
            "Anggaran": "2.000.000",
            "Realisasi Anggaran": "1.150.000",
            "Serapan (%)": "57,5%",
            "Keterangan": "Neraca dan Calk pada TW IV",
            "Induk": 1,
        },
        {
            "No": "3",
            "Sasaran": "Terlaksananya Pemeliharaan Peralatan dan Mesin Lainnya sesuai dengan "
            "ketentuan",
            "Indikator Kinerja": "Jumlah Peralatan dan Mesin Lainnya yang Dipelihara",
            "Target": "21 unit",
            "Realisasi": "10 unit",
            "Capaian (%)": "47,61%",
            "Anggaran": "14.250.000",
            "Realisasi Anggaran": "4.050.000",
            "Serapan (%)": "28,42%",
            "Induk": 1,
        },
        {
            "No": "4",
            "Sasaran": "Tersedianya Administrasi Pelaksanaan Tugas ASN tepat waktu",
            "Indikator Kinerja": "Jumlah Dokumen Hasil Penyediaan Administrasi Pelaksanaan "
            "Tugas ASN",
            "Target": "12 dokumen",
            "Realisasi": "6 Dokumen",
            "Capaian (%)": "50%",
            "Anggaran": "23.937.000",
            "Realisasi Anggaran": "6.378.000",
            "Serapan (%)": "26,64%",
            "Induk": 1,
        },
        {
            "No": "5",
            "Sasaran": "Tersedianya Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan "
            "Perizinan Kendaraan Dinas Operasional atau Lapangan sesuai dengan ketentuan",
            "Indikator Kinerja": "Jumlah Kendaraan Dinas Operasional atau Lapangan yang "
            "Dipelihara dan dibayarkan Pajak dan Perizinannya",
            "Target": "7 unit/tahun",
            "Realisasi": "4 unit/tahun",
            "Capaian (%)": "57,14%",
            "Anggaran": "33.532.600",
            "Realisasi Anggaran": "7.899.030",
            "Serapan (%)": "23,5%",
            "Induk": 1,
        },
        {
            "No": "6",
            "Sasaran": "Tersusunnya Dokumen Perencanaan Perangkat Daerah tepat waktu",
            "Indikator Kinerja": "Jumlah Dokumen Perencanaan Perangkat Daerah",
            "Target": "3 dokumen",
            "Realisasi": "2 dokumen",
            "Capaian (%)": "66,66%",
            "Anggaran": "2.500.000",
            "Realisasi Anggaran": "1.350.000",
            "Serapan (%)": "54%",
            "Keterangan": "renja perubahan pada TW III",
            "Induk": 1,
        },
        {
            "No": "7",
            "Sasaran": "Tersusunnya Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja "
            "SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Capaian Kinerja dan "
            "Ikhtisar Realisasi Kinerja SKPD tepat waktu",
            "Indikator Kinerja": "Jumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi "
            "Kinerja SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Capaian Kinerja "
            "dan Ikhtisar Realisasi Kinerja SKPD",
            "Target": "5 Laporan",
            "Realisasi": "2 Laporan",
            "Capaian (%)": "40%",
            "Anggaran": "2.200.000",
            "Realisasi Anggaran": "750.000",
            "Serapan (%)": "34%",
            "Keterangan": "LKJ disusun per Triwulan",
            "Induk": 1,
        },
    ],
)


UNITS = [
    CAMAT,
    SEKCAM,
    KASI_PMD,
    KASI_PEMERINTAHAN,
    KASI_PELAYANAN_UMUM,
    KASUBAG_UMUM,
    KASUBAG_KEUANGAN,
]


def main(argv: list[str]) -> int:
    if len(argv) > 2:
        print(f"usage: python3 {argv[0]} [OUTPUT.xlsx]", file=sys.stderr)
        return 2
    path = argv[1] if len(argv) == 2 else DEFAULT_OUTPUT
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    write_workbook(path, INFO, UNITS)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
