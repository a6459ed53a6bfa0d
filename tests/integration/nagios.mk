## tests/integration: the monitoring plugin (check_sockdoc, `sockdoc
## check`) against the Monitoring Plugins' own check_smtp/check_ftp on
## real servers, in a real engine (nagios4), and the OpenMetrics output.
## Helpers: lib_nagios.sh; the strict plugin-output reader:
## nagios_output.py.
TESTS += \
	tests/integration/nagios_smtp.sh \
	tests/integration/nagios_thresholds.sh \
	tests/integration/nagios_cert.sh \
	tests/integration/nagios_ftp.sh \
	tests/integration/nagios_openmetrics.sh \
	tests/integration/nagios_engine.sh \
	tests/integration/nagios_icinga.sh
