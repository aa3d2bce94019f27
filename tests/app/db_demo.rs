//! The demo seed: realistic data, known logins, and a second run that
//! reuses everything.

use astreinte::db::{centres, users, volunteers};
use astreinte::demo::seed_demo;

use crate::import_export::{instance, row_counts};
use crate::test_db::TestDb;

#[test]
fn the_demo_seed_creates_realistic_data_once_and_reuses_it() {
    let db = TestDb::new();
    let bench = instance("alma-600.json").parent().unwrap().to_path_buf();
    let mut c = db.conn();
    let first = seed_demo(&mut c, &bench).unwrap();
    assert!(first.created);
    let counts = row_counts(&db);
    assert!(counts["volunteers"] >= 600, "{counts:?}");
    assert!(
        counts["centres"] >= 60 && counts["shift_templates"] > 0,
        "{counts:?}"
    );
    assert!(counts["availability_patterns"] > 1000);

    for login in [&first.volunteer, &first.coordinator, &first.admin] {
        let u = users::by_email(&mut c, &login.email)
            .unwrap()
            .expect("demo account exists");
        assert!(users::verify_password(
            &login.password,
            u.password_hash.as_deref().unwrap()
        ));
        assert_eq!(u.is_admin, login.role == "admin");
    }
    let coord = users::by_email(&mut c, &first.coordinator.email)
        .unwrap()
        .unwrap();
    assert_eq!(centres::coordinated_by(&mut c, coord.id).unwrap().len(), 2);
    assert_eq!(first.coordinator_centres.len(), 2);
    // The demo volunteer serves the coordinator's first centre.
    let vu = users::by_email(&mut c, &first.volunteer.email)
        .unwrap()
        .unwrap();
    let v = volunteers::by_user_id(&mut c, vu.id).unwrap().unwrap();
    let home_id = volunteers::centres_of(&mut c, v.id).unwrap()[0];
    let home = centres::by_id(&mut c, home_id).unwrap().unwrap();
    assert_eq!(home.code, first.coordinator_centres[0]);
    // Volunteers have French names and demo emails, not "Volunteer 1".
    let other = volunteers::by_external_id(&mut c, "v00002")
        .unwrap()
        .unwrap();
    let ou = users::by_id(&mut c, other.user_id).unwrap().unwrap();
    assert!(!ou.display_name.starts_with("Volunteer"));
    assert!(ou.email.unwrap().ends_with("@demo.astreinte.test"));

    let second = seed_demo(&mut c, &bench).unwrap();
    assert!(!second.created);
    assert_eq!(second.coordinator_centres, first.coordinator_centres);
    assert_eq!(counts, row_counts(&db));
}
