-- Quartz.NET's job store (4.7), for the reminder scheduler clustered on this database (Storage:Provider = PostgreSql).
-- The tables and columns are the ones Quartz's AdoJobStore reads and writes with the default prefix "qrtz_"; it checks
-- them at start (schema validation) and refuses a database that lacks one. Every row carries the scheduler's name
-- (sched_name), so several instances of one scheduler share the rows and tell each other apart by instance_name.
-- Times are Quartz's own: ticks (bigint), not timestamptz. Job data is the System.Text.Json serializer's bytes.
-- Not here: the execution and misfire history tables, which Quartz reads only when its execution history is turned
-- on (UseExecutionHistory), and SupportBot does not turn it on.

-- Jobs: SupportBot stores two durable ones (the tickets' reminder pass and the digest flush).
CREATE TABLE qrtz_job_details (
    sched_name         text NOT NULL,
    job_name           text NOT NULL,
    job_group          text NOT NULL,
    description        text,
    job_class_name     text NOT NULL,
    is_durable         boolean NOT NULL,
    is_nonconcurrent   boolean NOT NULL,
    is_update_data     boolean NOT NULL,
    requests_recovery  boolean NOT NULL,
    job_data           bytea,
    PRIMARY KEY (sched_name, job_name, job_group)
);

-- Triggers: the common part of every kind; the kind's own fields sit in a table per kind below, deleted with it.
CREATE TABLE qrtz_triggers (
    sched_name               text NOT NULL,
    trigger_name             text NOT NULL,
    trigger_group            text NOT NULL,
    job_name                 text NOT NULL,
    job_group                text NOT NULL,
    description              text,
    next_fire_time           bigint,
    prev_fire_time           bigint,
    priority                 integer,
    trigger_state            text NOT NULL,
    trigger_type             text NOT NULL,
    start_time               bigint NOT NULL,
    end_time                 bigint,
    calendar_name            text,
    misfire_instr            smallint,
    misfire_orig_fire_time   bigint,
    misfire_threshold        bigint,
    execution_group          varchar(200),
    preferred_node           varchar(200),
    preferred_node_auto      boolean NOT NULL DEFAULT false,
    retry_policy             varchar(250),
    retry_attempt            integer,
    continues_trigger_name   text,
    continues_trigger_group  text,
    continuation_condition   integer,
    overlap_policy           integer,
    pause_reason             varchar(250),
    paused_by                varchar(200),
    paused_at                bigint,
    fixed_delay              boolean,
    job_data                 bytea,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
);

-- The one kind SupportBot uses: a one-shot simple trigger (the tickets' wake-up, each engineer's digest window).
CREATE TABLE qrtz_simple_triggers (
    sched_name       text NOT NULL,
    trigger_name     text NOT NULL,
    trigger_group    text NOT NULL,
    repeat_count     bigint NOT NULL,
    repeat_interval  bigint NOT NULL,
    times_triggered  bigint NOT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_cron_triggers (
    sched_name       text NOT NULL,
    trigger_name     text NOT NULL,
    trigger_group    text NOT NULL,
    cron_expression  text NOT NULL,
    time_zone_id     text,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

-- Calendar- and daily-interval triggers keep their fields in generic typed slots.
CREATE TABLE qrtz_simprop_triggers (
    sched_name     text NOT NULL,
    trigger_name   text NOT NULL,
    trigger_group  text NOT NULL,
    str_prop_1     text,
    str_prop_2     text,
    str_prop_3     text,
    int_prop_1     integer,
    int_prop_2     integer,
    long_prop_1    bigint,
    long_prop_2    bigint,
    dec_prop_1     numeric,
    dec_prop_2     numeric,
    bool_prop_1    boolean,
    bool_prop_2    boolean,
    time_zone_id   text,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_blob_triggers (
    sched_name     text NOT NULL,
    trigger_name   text NOT NULL,
    trigger_group  text NOT NULL,
    blob_data      bytea,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_calendars (
    sched_name     text NOT NULL,
    calendar_name  text NOT NULL,
    calendar       bytea NOT NULL,
    PRIMARY KEY (sched_name, calendar_name)
);

-- Paused groups, with who paused them and why.
CREATE TABLE qrtz_paused_trigger_grps (
    sched_name     text NOT NULL,
    trigger_group  text NOT NULL,
    pause_reason   varchar(250),
    paused_by      varchar(200),
    paused_at      bigint,
    PRIMARY KEY (sched_name, trigger_group)
);

CREATE TABLE qrtz_paused_job_grps (
    sched_name    text NOT NULL,
    job_group     text NOT NULL,
    pause_reason  varchar(250),
    paused_by     varchar(200),
    paused_at     bigint,
    PRIMARY KEY (sched_name, job_group)
);

-- A trigger an instance has taken (acquired, then executing): what the cluster recovers when that instance dies.
CREATE TABLE qrtz_fired_triggers (
    sched_name                text NOT NULL,
    entry_id                  text NOT NULL,
    trigger_name              text NOT NULL,
    trigger_group             text NOT NULL,
    instance_name             text NOT NULL,
    fired_time                bigint NOT NULL,
    sched_time                bigint NOT NULL,
    priority                  integer NOT NULL,
    state                     text NOT NULL,
    job_name                  text,
    job_group                 text,
    is_nonconcurrent          boolean NOT NULL,
    requests_recovery         boolean,
    execution_group           varchar(200),
    progress                  integer,
    progress_message          varchar(250),
    interrupt_requested_time  bigint,
    PRIMARY KEY (sched_name, entry_id)
);

-- Each instance's check-in: one whose last check-in is older than its interval (plus the threshold) is taken for dead.
CREATE TABLE qrtz_scheduler_state (
    sched_name         text NOT NULL,
    instance_name      text NOT NULL,
    last_checkin_time  bigint NOT NULL,
    checkin_interval   bigint NOT NULL,
    quartz_version     varchar(20),
    PRIMARY KEY (sched_name, instance_name)
);

-- The rows Quartz locks (SELECT … FOR UPDATE) to take turns on the triggers and the state across instances.
CREATE TABLE qrtz_locks (
    sched_name  text NOT NULL,
    lock_name   text NOT NULL,
    PRIMARY KEY (sched_name, lock_name)
);

-- Every lookup Quartz makes leads with the scheduler's name; the firing loop's lookup is by state and next fire time.
CREATE INDEX qrtz_job_details_group ON qrtz_job_details (sched_name, job_group, job_name);
CREATE INDEX qrtz_triggers_job ON qrtz_triggers (sched_name, job_name, job_group);
CREATE INDEX qrtz_triggers_group ON qrtz_triggers (sched_name, trigger_group, trigger_name);
CREATE INDEX qrtz_triggers_calendar ON qrtz_triggers (sched_name, calendar_name);
CREATE INDEX qrtz_triggers_due ON qrtz_triggers (sched_name, trigger_state, next_fire_time, priority DESC, misfire_instr);
CREATE INDEX qrtz_fired_triggers_instance ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
CREATE INDEX qrtz_fired_triggers_job ON qrtz_fired_triggers (sched_name, job_name, job_group);
CREATE INDEX qrtz_fired_triggers_trigger ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
