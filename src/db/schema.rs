//! Diesel table definitions, written by hand to match both migration folders
//! (`migrations/sqlite` and `migrations/postgres`); see /work/notes/SCHEMA.md.

diesel::table! {
    org_settings (id) {
        id -> Integer,
        organisation_name -> Text,
        default_timezone -> Text,
        slot_minutes -> Integer,
        service_level_target -> Double,
        answer_within_seconds -> Integer,
        min_shift_minutes -> Integer,
        max_shift_minutes -> Integer,
        min_rest_minutes -> Integer,
        trainee_requires_mentor -> Bool,
        planning_horizon_weeks -> Integer,
        // Mail settings.
        planning_deadline_days -> Integer,
        availability_request_days -> Integer,
        qualification_notice_days -> Integer,
        mail_secret -> Nullable<Text>,
    }
}

diesel::table! {
    centres (id) {
        id -> Integer,
        code -> Text,
        name -> Text,
        timezone -> Text,
        fixed_sessions -> Bool,
    }
}

diesel::table! {
    skills (id) {
        id -> Integer,
        code -> Text,
        name_fr -> Text,
        name_en -> Text,
        validity_months -> Nullable<Integer>,
    }
}

diesel::table! {
    users (id) {
        id -> Integer,
        email -> Nullable<Text>,
        display_name -> Text,
        phone -> Nullable<Text>,
        lang -> Text,
        password_hash -> Nullable<Text>,
        is_admin -> Bool,
        session_epoch -> Integer,
        created_at -> Timestamp,
        last_login_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    coordinator_centres (user_id, centre_id) {
        user_id -> Integer,
        centre_id -> Integer,
    }
}

diesel::table! {
    magic_links (id) {
        id -> Integer,
        user_id -> Integer,
        token_hash -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    volunteers (id) {
        id -> Integer,
        user_id -> Integer,
        external_id -> Text,
        max_minutes_week -> Nullable<Integer>,
        max_shifts_week -> Nullable<Integer>,
        min_minutes_month -> Nullable<Integer>,
        training_minutes_target -> Integer,
        status -> Text,
        left_on -> Nullable<Date>,
    }
}

diesel::table! {
    volunteer_centres (volunteer_id, centre_id) {
        volunteer_id -> Integer,
        centre_id -> Integer,
        position -> Integer,
    }
}

diesel::table! {
    qualifications (id) {
        id -> Integer,
        volunteer_id -> Integer,
        skill_id -> Integer,
        obtained_on -> Nullable<Date>,
        valid_until -> Nullable<Date>,
    }
}

diesel::table! {
    trainees (id) {
        id -> Integer,
        volunteer_id -> Integer,
        skill_id -> Integer,
        target_mentored_minutes -> Integer,
        started_on -> Nullable<Date>,
    }
}

diesel::table! {
    availability_patterns (id) {
        id -> Integer,
        volunteer_id -> Integer,
        weekday -> Integer,
        start_minute -> Integer,
        end_minute -> Integer,
        preferred -> Bool,
    }
}

diesel::table! {
    availability_exceptions (id) {
        id -> Integer,
        volunteer_id -> Integer,
        kind -> Text,
        start_date -> Date,
        end_date -> Date,
        start_minute -> Nullable<Integer>,
        end_minute -> Nullable<Integer>,
        start_utc -> Nullable<Timestamp>,
        end_utc -> Nullable<Timestamp>,
        preferred -> Bool,
    }
}

diesel::table! {
    demand_profiles (id) {
        id -> Integer,
        centre_id -> Integer,
        skill_id -> Integer,
        weekday -> Integer,
        start_minute -> Integer,
        end_minute -> Integer,
        calls_per_hour -> Nullable<Double>,
        aht_minutes -> Nullable<Double>,
        required -> Nullable<Integer>,
        on_date -> Nullable<Date>,
        start_utc -> Nullable<Timestamp>,
        end_utc -> Nullable<Timestamp>,
    }
}

diesel::table! {
    shift_templates (id) {
        id -> Integer,
        centre_id -> Integer,
        weekday -> Integer,
        start_minute -> Integer,
        end_minute -> Integer,
        on_date -> Nullable<Date>,
        start_utc -> Nullable<Timestamp>,
        end_utc -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rotas (id) {
        id -> Integer,
        week_start -> Date,
        scope -> Text,
        version -> Integer,
        status -> Text,
        created_at -> Timestamp,
        created_by -> Nullable<Integer>,
        published_at -> Nullable<Timestamp>,
        revision -> Integer,
        solver_report -> Nullable<Text>,
        job_id -> Nullable<Integer>,
    }
}

diesel::table! {
    rota_shifts (id) {
        id -> Integer,
        rota_id -> Integer,
        volunteer_id -> Integer,
        centre_id -> Integer,
        skill_id -> Integer,
        role -> Text,
        start_utc -> Timestamp,
        end_utc -> Timestamp,
        locked -> Bool,
    }
}

diesel::joinable!(coordinator_centres -> users (user_id));
diesel::joinable!(coordinator_centres -> centres (centre_id));
diesel::joinable!(magic_links -> users (user_id));
diesel::joinable!(volunteers -> users (user_id));
diesel::joinable!(volunteer_centres -> volunteers (volunteer_id));
diesel::joinable!(volunteer_centres -> centres (centre_id));
diesel::joinable!(qualifications -> volunteers (volunteer_id));
diesel::joinable!(qualifications -> skills (skill_id));
diesel::joinable!(trainees -> volunteers (volunteer_id));
diesel::joinable!(trainees -> skills (skill_id));
diesel::joinable!(availability_patterns -> volunteers (volunteer_id));
diesel::joinable!(availability_exceptions -> volunteers (volunteer_id));
diesel::joinable!(demand_profiles -> centres (centre_id));
diesel::joinable!(demand_profiles -> skills (skill_id));
diesel::joinable!(shift_templates -> centres (centre_id));
diesel::joinable!(rotas -> users (created_by));
diesel::joinable!(rota_shifts -> rotas (rota_id));
diesel::joinable!(rota_shifts -> volunteers (volunteer_id));
diesel::joinable!(rota_shifts -> centres (centre_id));
diesel::joinable!(rota_shifts -> skills (skill_id));

diesel::allow_tables_to_appear_in_same_query!(
    org_settings,
    centres,
    skills,
    users,
    coordinator_centres,
    magic_links,
    volunteers,
    volunteer_centres,
    qualifications,
    trainees,
    availability_patterns,
    availability_exceptions,
    demand_profiles,
    shift_templates,
    rotas,
    rota_shifts,
    jobs,
    audit_log,
    // Calendar feed and telephony API tokens.
    calendar_tokens,
    api_tokens,
    // Data protection.
    erasure_requests,
    erasures,
    retention_settings,
    // Mail preferences.
    mail_prefs,
    // Drop-outs and cover offers.
    shift_dropouts,
    cover_offers,
    // Training tables.
    skill_prerequisites,
    training_path_steps,
    training_sessions,
    training_invitations,
    training_attendance,
    training_signoffs,
);

diesel::table! {
    outbox (id) {
        id -> Integer,
        dedup_key -> Text,
        recipient -> Text,
        kind -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Nullable<Text>,
        message_id -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        claimed_at -> Nullable<Timestamp>,
        // Attachment and List-Unsubscribe.
        attachment_name -> Nullable<Text>,
        attachment_content_type -> Nullable<Text>,
        attachment_body -> Nullable<Text>,
        list_unsubscribe -> Nullable<Text>,
    }
}

diesel::table! {
    jobs (id) {
        id -> Integer,
        kind -> Text,
        params -> Text,
        status -> Text,
        progress -> Nullable<Text>,
        result -> Nullable<Text>,
        error -> Nullable<Text>,
        attempts -> Integer,
        created_by -> Nullable<Integer>,
        created_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
        heartbeat_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Integer,
        at -> Timestamp,
        actor_user_id -> Nullable<Integer>,
        action -> Text,
        target_kind -> Text,
        target_id -> Nullable<Text>,
        centre_id -> Nullable<Integer>,
        details -> Nullable<Text>,
    }
}

diesel::joinable!(audit_log -> users (actor_user_id));

// Data protection (erasure requests, erasures, retention settings).
diesel::table! {
    erasure_requests (id) {
        id -> Integer,
        user_id -> Integer,
        requested_at -> Timestamp,
        status -> Text,
        handled_at -> Nullable<Timestamp>,
        handled_by -> Nullable<Integer>,
    }
}

diesel::table! {
    erasures (volunteer_id) {
        volunteer_id -> Integer,
        user_id -> Integer,
        erased_at -> Timestamp,
        erased_by -> Nullable<Integer>,
        reason -> Text,
    }
}

diesel::table! {
    retention_settings (id) {
        id -> Integer,
        former_volunteer_months -> Integer,
        audit_months -> Integer,
        last_run_at -> Nullable<Timestamp>,
    }
}

// Training tables (migration 2026-11-28-300700_training).
diesel::table! {
    skill_prerequisites (skill_id, requires_skill_id) {
        skill_id -> Integer,
        requires_skill_id -> Integer,
    }
}

diesel::table! {
    training_path_steps (id) {
        id -> Integer,
        skill_id -> Integer,
        position -> Integer,
        kind -> Text,
        mentored_minutes -> Nullable<Integer>,
    }
}

diesel::table! {
    training_sessions (id) {
        id -> Integer,
        skill_id -> Integer,
        centre_id -> Integer,
        remote -> Bool,
        start_utc -> Timestamp,
        end_utc -> Timestamp,
        trainer -> Text,
        capacity -> Integer,
        grants -> Text,
        created_by -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    training_invitations (id) {
        id -> Integer,
        session_id -> Integer,
        volunteer_id -> Integer,
        status -> Text,
        horizon -> Date,
        created_at -> Timestamp,
        responded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    training_attendance (id) {
        id -> Integer,
        session_id -> Integer,
        volunteer_id -> Integer,
        attended -> Bool,
        recorded_by -> Nullable<Integer>,
        recorded_at -> Timestamp,
        previous_valid_until -> Nullable<Date>,
        new_valid_until -> Nullable<Date>,
    }
}

diesel::table! {
    training_signoffs (id) {
        id -> Integer,
        volunteer_id -> Integer,
        skill_id -> Integer,
        signed_by -> Nullable<Integer>,
        signed_on -> Date,
        recorded_at -> Timestamp,
    }
}

diesel::joinable!(training_path_steps -> skills (skill_id));
diesel::joinable!(training_sessions -> skills (skill_id));
diesel::joinable!(training_sessions -> centres (centre_id));
diesel::joinable!(training_invitations -> training_sessions (session_id));
diesel::joinable!(training_invitations -> volunteers (volunteer_id));
diesel::joinable!(training_attendance -> training_sessions (session_id));
diesel::joinable!(training_attendance -> volunteers (volunteer_id));
diesel::joinable!(training_signoffs -> volunteers (volunteer_id));
diesel::joinable!(training_signoffs -> skills (skill_id));

// Mail preferences.
diesel::table! {
    mail_prefs (user_id) {
        user_id -> Integer,
        reminder_leads -> Text,
        non_essential -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(mail_prefs -> users (user_id));

// Drop-outs and cover offers.
diesel::table! {
    shift_dropouts (id) {
        id -> Integer,
        shift_id -> Integer,
        rota_id -> Integer,
        centre_id -> Integer,
        volunteer_id -> Integer,
        reason -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        created_by -> Nullable<Integer>,
        resolved_at -> Nullable<Timestamp>,
        resolved_by -> Nullable<Integer>,
        replacement_volunteer_id -> Nullable<Integer>,
        resolution -> Nullable<Text>,
        offered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    cover_offers (id) {
        id -> Integer,
        dropout_id -> Integer,
        volunteer_id -> Integer,
        token_hash -> Text,
        rank -> Integer,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
    }
}

diesel::joinable!(shift_dropouts -> rota_shifts (shift_id));
diesel::joinable!(shift_dropouts -> rotas (rota_id));
diesel::joinable!(shift_dropouts -> centres (centre_id));
diesel::joinable!(cover_offers -> shift_dropouts (dropout_id));
diesel::joinable!(cover_offers -> volunteers (volunteer_id));

// Calendar feed and telephony API tokens (migration 2026-11-28-300300).
diesel::table! {
    calendar_tokens (id) {
        id -> Integer,
        volunteer_id -> Integer,
        token_hash -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Integer,
        centre_id -> Integer,
        label -> Text,
        token_hash -> Text,
        include_phone -> Bool,
        created_at -> Timestamp,
        created_by -> Nullable<Integer>,
        revoked_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(calendar_tokens -> volunteers (volunteer_id));
diesel::joinable!(api_tokens -> centres (centre_id));
