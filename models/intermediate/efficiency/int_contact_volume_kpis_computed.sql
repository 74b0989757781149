{{ empty_kpi_components() }}
